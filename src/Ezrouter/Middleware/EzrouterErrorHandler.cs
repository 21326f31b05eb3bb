using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Http;

namespace Ezrouter.Middleware;

/// <summary>
/// Turns every failed exchange into a typed <see cref="EzrouterException"/> before Kiota sees it: non-2xx statuses
/// (whatever the body: JSON in either envelope, HTML, empty, cut off, even labelled <c>text/event-stream</c>), an
/// HTML page with HTTP 200, a JSON error envelope with HTTP 200 (docs/gateway-behavior.md §4), and connection
/// failures. Kiota's own error mapping would throw <c>InvalidOperationException</c> on an HTML body.
/// </summary>
public sealed class EzrouterErrorHandler : DelegatingHandler
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private readonly string? _secret;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _connectTimeout;

    /// <summary>
    /// Creates the handler; <paramref name="secret"/> (the API key) is redacted from any body kept on an exception,
    /// and <paramref name="timeProvider"/> is the clock a <c>Retry-After</c> date is read against.
    /// </summary>
    public EzrouterErrorHandler(string? secret = null, TimeProvider? timeProvider = null)
        : this(secret, timeProvider, connectTimeout: null)
    {
    }

    /// <summary>
    /// Creates the handler, as the other constructor does; <paramref name="connectTimeout"/> is the connect limit the
    /// transport applies, reported on the connect timeout this handler raises (null when unknown).
    /// </summary>
    public EzrouterErrorHandler(string? secret, TimeProvider? timeProvider, TimeSpan? connectTimeout)
    {
        _secret = secret;
        _time = timeProvider ?? TimeProvider.System;
        _connectTimeout = connectTimeout;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // The transport's message can quote what the server sent (an invalid header line holding the key): ours is
            // redacted, and so is the inner exception a logger walks to: a copy of the same type, with its cause.
            var message = SecretRedaction.Redact(e.Message, _secret);
            var inner = message == e.Message ? e : new HttpRequestException(message, e.InnerException, e.StatusCode);
            throw new EzrouterConnectionException(new EzrouterErrorDetails { Summary = $"no response from {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {message}" }, inner);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && e.InnerException is TimeoutException)
        {
            // SocketsHttpHandler.ConnectTimeout surfaces as a cancellation wrapping a TimeoutException.
            var summary = _connectTimeout is { } limit ? $"the connection could not be opened within {limit.TotalSeconds:0.###} s" : "the connection could not be opened in time";
            throw new EzrouterTimeoutException(TimeoutKind.Connect, _connectTimeout ?? TimeSpan.Zero, new EzrouterErrorDetails { Summary = summary }, e);
        }

        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status is < 200 or > 299)
            throw await FailAsync(response, cancellationToken).ConfigureAwait(false);

        if (mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
            throw await FailAsync(response, cancellationToken).ConfigureAwait(false);

        if (mediaType is "application/json" && response.Content is not null)
        {
            // Gateway: a non-stream upstream that answers 200 with an error object is relayed with HTTP 200, and a
            // failed models list is 200 {"success":false}. Buffer the JSON body to look, within the call's bound on an
            // answer (a server that sends gigabytes labelled JSON is refused, not held), and hand the buffer on.
            // The buffer is pooled and becomes the content (BufferedJsonContent), which the request adapter's reader
            // reads in place: no second copy of the body.
            var bounds = CallScope.Of(request)?.Bounds ?? EzrouterLimits.Default;
            BufferedJsonContent buffered;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var (buffer, length) = await JsonAnswer.ReadBodyAsync(stream, response.Content.Headers.ContentLength, JsonAnswer.MaxBytes(bounds), cancellationToken).ConfigureAwait(false)
                    ?? throw TooLong(response, JsonAnswer.MaxBytes(bounds));
                response.Content = buffered = new BufferedJsonContent(buffer, length, response.Content);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // A body shorter than its Content-Length, then FIN or RST: the answer never arrived whole.
                response.Dispose();
                throw new EzrouterConnectionException(Read(response, [], true) with
                {
                    Summary = $"the connection dropped while the answer was read: {SecretRedaction.Redact(e.Message, _secret)}",
                }, e);
            }
            catch
            {
                // Cancelled, or a limit fired, mid-body: the connection is let go of now, not at finalization.
                response.Dispose();
                throw;
            }
            // A Responses API object carries "error" when it failed: it is the answer, and the layer raises it with the
            // response as the partial result (docs/gateway-behavior.md §22).
            if (LooksLikeError(buffered.Body) && !EnvelopeProbe.IsResponseObject(buffered.Body))
            {
                // The headers-only details carry an "empty body" summary; this body is not empty.
                var details = ErrorBodyReader.ReadEnvelope(Read(response, [], false) with { Summary = null }, buffered.Body, _secret);
                if (details is not null)
                {
                    var error = ErrorClassifier.Create(details with { RawBody = ErrorBodyReader.RawText(buffered.Body, _secret) });
                    response.Dispose();
                    throw error;
                }
            }
        }
        return response;
    }

    private async Task<EzrouterException> FailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var (body, truncated) = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var details = Read(response, body, truncated);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                // Never followed: the request carries the key. Say where it pointed, so the caller can decide.
                var target = response.Headers.Location is { } location
                    ? location.IsAbsoluteUri ? location.Authority : "a path on the same host"
                    : "nowhere (no Location header)";
                details = details with
                {
                    Summary = SecretRedaction.Redact($"the gateway redirected to {target}; redirects are not followed, since the request carries the API key (if that is the gateway's new address, use it as the base URL)", _secret),
                };
            }
            return ErrorClassifier.Create(details);
        }
    }

    private EzrouterProtocolException TooLong(HttpResponseMessage response, long limit)
    {
        response.Dispose();
        return new EzrouterProtocolException(Read(response, [], false) with
        {
            Summary = $"the JSON answer is longer than {limit} bytes, the bound EzrouterLimits.MaxAnswerChars sets",
        });
    }

    private EzrouterErrorDetails Read(HttpResponseMessage response, byte[] body, bool truncated) =>
        ErrorBodyReader.Read((int)response.StatusCode, body, truncated, EzrouterHeaders.HeadersOf(response), _secret, _time.GetUtcNow());

    // Reads at most MaxErrorBodyBytes; a connection that drops mid-body keeps what arrived, marked truncated.
    private static async Task<(byte[] Body, bool Truncated)> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBodyBytes];
        var total = 0;
        try
        {
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            // No assignment inside the && (a mutant to || would leave it unassigned and not compile).
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
            }
            return (buffer.AsSpan(0, total).ToArray(), false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (buffer.AsSpan(0, total).ToArray(), true);
        }
    }

    // An error envelope has a top-level "error" (an object or a string) or "success": false wherever it sits in the
    // object: a byte search for the names and the values after them first, then a walk over the top-level keys only
    // when one occurs (the models list always has "success": true, and no walk).
    private static bool LooksLikeError(ReadOnlySpan<byte> body) =>
        EnvelopeProbe.MayHaveEnvelopeKey(body) && EnvelopeProbe.HasEnvelopeKey(body);

    internal static bool IsEventStream(MediaTypeHeaderValue? contentType) =>
        string.Equals(contentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
}
