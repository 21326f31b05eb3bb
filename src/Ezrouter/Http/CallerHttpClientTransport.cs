using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Http;

/// <summary>
/// The innermost handler when the caller hands over an <see cref="HttpClient"/>: each attempt goes out through that
/// client, so its own handlers (logging, proxies, test doubles) see it. The client is the caller's and is never
/// disposed here.
/// </summary>
internal sealed class CallerHttpClientTransport : HttpMessageHandler
{
    private readonly HttpClient _client;

    public CallerHttpClientTransport(HttpClient client) => _client = client;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A request message can be sent once per HttpClient, and the SDK's own HttpClient has already sent this one:
        // the caller's client gets a copy that shares the (buffered) content.
        var copy = Copy(request);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && e.InnerException is TimeoutException)
        {
            // The caller's HttpClient.Timeout ran out before the headers came (it never covers the body: headers-read).
            // It is the first-byte limit of that client, not a connect timeout, and retried like one.
            throw new EzrouterTimeoutException(TimeoutKind.FirstByte, _client.Timeout, new EzrouterErrorDetails
            {
                Summary = $"no response headers within {_client.Timeout.TotalSeconds:0.###} s, the caller's HttpClient.Timeout",
            }, e);
        }
        if (RedirectGuard.Followed(request.RequestUri, response))
        {
            // The caller's handler followed a redirect: too late to keep the key home, but the other host's answer is
            // not passed off as the gateway's (docs/gateway-behavior.md §1).
            var host = response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Authority);
            response.Dispose();
            throw new EzrouterProtocolException(new EzrouterErrorDetails
            {
                Summary = $"the caller's HttpClient followed a redirect to {host}; turn redirects off on its handler (the API key may have been sent there)",
            });
        }
        // The handlers outside read the request they sent back from the response.
        response.RequestMessage = request;
        return response;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        foreach (var option in request.Options) ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        return copy;
    }
}
