using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Payloads;

namespace Ezrouter.Benchmarks.Transport;

/// <summary>
/// The in-memory transport every contender gets: each request answers a fresh 200 over the same recorded bytes, with
/// the recording's Content-Type and the gateway's headers. The request body is read to the end first, as a socket
/// handler would send it, so an SDK that serializes lazily pays for it too.
/// </summary>
internal sealed class ReplayHandler : HttpMessageHandler
{
    private readonly Func<Stream> _body;
    private readonly string _contentType;

    public ReplayHandler(Recording recording) : this(() => new ReplayBodyStream(recording.Body), recording.ContentType)
    {
    }

    /// <summary>A handler over a body made on the fly (the 100 MB stream).</summary>
    public ReplayHandler(Func<Stream> body, string contentType)
    {
        _body = body;
        _contentType = contentType;
    }

    /// <summary>How many requests were answered.</summary>
    public int Requests { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null) await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        Requests++;
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StreamContent(_body()),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(_contentType);
        response.Headers.TryAddWithoutValidation("X-New-Api-Version", "v0.9.6");
        response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", "20261121000000000000000000000001");
        return response;
    }
}
