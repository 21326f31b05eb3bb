using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Http;

namespace Ezrouter.Middleware;

/// <summary>
/// Decompression on the client's terms (<see cref="EzrouterLimits.Decompression"/>): asks for the encodings the
/// caller allowed, inflates them with a cap on the inflated size (<see cref="InflatedContent"/>), and refuses any
/// other <c>Content-Encoding</c> (one not asked for, unknown, or stacked) with an <see cref="EzrouterProtocolException"/>
/// instead of handing compressed bytes to a JSON or SSE reader. It sits inside <see cref="EzrouterErrorHandler"/>, so
/// error bodies are inflated (and bounded) the same way, and outside <see cref="ResponseMetadataHandler"/>, so its
/// errors carry the response's request id.
/// </summary>
internal sealed class ContentEncodingHandler : DelegatingHandler
{
    private readonly EzrouterLimits _limits;
    private readonly string? _secret;

    /// <summary>Creates the handler; <paramref name="limits"/> is copied, <paramref name="secret"/> redacted from its errors.</summary>
    public ContentEncodingHandler(EzrouterLimits limits, string? secret)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits.Clone();
        _secret = secret;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var allowed = _limits.Decompression;
        // A caller who set Accept-Encoding on the request chose it; otherwise we ask for exactly what we inflate.
        if (allowed != DecompressionMethods.None && request.Headers.AcceptEncoding.Count == 0)
        {
            if (allowed.HasFlag(DecompressionMethods.GZip)) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            if (allowed.HasFlag(DecompressionMethods.Deflate)) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));
            if (allowed.HasFlag(DecompressionMethods.Brotli)) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var encodings = response.Content.Headers.ContentEncoding;
        if (encodings.Count == 0) return response;
        string? only = null;
        var count = 0;
        foreach (var encoding in encodings)
        {
            // identity means "not encoded" (RFC 9110 §8.4.1): nothing to undo.
            if (encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)) continue;
            only = encoding;
            count++;
        }
        if (count == 0) return response;
        var method = count == 1 ? MethodOf(only!) : DecompressionMethods.None;
        if (method == DecompressionMethods.None || (allowed & method) == 0)
        {
            var joined = string.Join(", ", encodings);
            // The header is the server's text: key redacted, and kept short (a hostile server can make it long).
            var named = SecretRedaction.RedactThenCut(joined, _secret, 100, markCut: true);
            var error = Fail(request, response, $"the response came with Content-Encoding: {named}, which the client did not ask for (EzrouterLimits.Decompression is {allowed})");
            response.Dispose();
            throw error;
        }
        var max = _limits.MaxDecompressedBytes;
        response.Content = new InflatedContent(response.Content, method, max, (summary, inner) => Fail(request, response, summary, inner));
        return response;
    }

    private static DecompressionMethods MethodOf(string encoding) => encoding.ToLowerInvariant() switch
    {
        "gzip" or "x-gzip" => DecompressionMethods.GZip,
        "deflate" => DecompressionMethods.Deflate,
        "br" => DecompressionMethods.Brotli,
        _ => DecompressionMethods.None,
    };

    // The call's scope has the response's metadata by now (ResponseMetadataHandler, inside, recorded it); a plain
    // pipeline without one gets the status at least.
    private static EzrouterProtocolException Fail(HttpRequestMessage request, HttpResponseMessage response, string summary, Exception? inner = null)
    {
        var details = CallScope.Of(request) is { Info.StatusCode: not 0 } scope
            ? scope.Details(summary)
            : new EzrouterErrorDetails { StatusCode = (int)response.StatusCode, Summary = summary };
        return new EzrouterProtocolException(details, inner);
    }
}
