using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Ezrouter.Http;
using Ezrouter.Middleware.Options;
using Ezrouter.Streaming;

namespace Ezrouter.Middleware;

/// <summary>
/// The one place an SSE answer to a non-stream call becomes a model (docs/gateway-behavior.md §6): the gateway
/// answers chat completions, and sometimes messages, with <c>text/event-stream</c> even when <c>stream</c> is false.
/// This reads such an answer to the end (<see cref="SseAggregation"/>) under the call's <see cref="CallScope"/> and
/// answers with the model (<see cref="AggregatedContent"/>): <see cref="EzrouterClient"/> takes it as it is, and a
/// plain Kiota adapter reads it as JSON. Errors and truncation inside the stream surface as typed exceptions carrying
/// the partial result. Its option is <see cref="SseAggregationOption"/>: the streaming APIs switch it off, and
/// <see cref="EzrouterClient"/>'s clients say which surface each request is for.
/// </summary>
public sealed class SseAggregationHandler : DelegatingHandler
{
    private readonly EzrouterTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly string? _secret;
    private readonly EzrouterLimits? _bounds;

    /// <summary>
    /// Creates the handler. <paramref name="timeouts"/> and <paramref name="timeProvider"/> apply only when no
    /// <see cref="TotalTimeoutHandler"/> outside it opened the call's scope (then its idle limit applies, and no total
    /// limit); <paramref name="secret"/> (the API key) is redacted from anything an error keeps.
    /// </summary>
    public SseAggregationHandler(EzrouterTimeouts? timeouts = null, TimeProvider? timeProvider = null, string? secret = null)
    {
        _timeouts = timeouts?.Clone() ?? new EzrouterTimeouts();
        _timeouts.Total = null;
        _time = timeProvider ?? TimeProvider.System;
        _secret = secret;
    }

    /// <summary>
    /// As <see cref="SseAggregationHandler(EzrouterTimeouts?, TimeProvider?, string?)"/>, with the memory bounds
    /// (<paramref name="bounds"/>, copied) the aggregation holds an answer to when no scope is open outside it.
    /// </summary>
    public SseAggregationHandler(EzrouterTimeouts? timeouts, TimeProvider? timeProvider, string? secret, EzrouterLimits bounds)
        : this(timeouts, timeProvider, secret)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        _bounds = bounds.Clone();
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var option = request.GetRequestOption<SseAggregationOption>();
        return option is { Enabled: false }
            ? base.SendAsync(request, cancellationToken)
            : SendAndAggregateAsync(request, option?.Surface, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAndAggregateAsync(HttpRequestMessage request, EzrouterSurface? surface, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!EzrouterErrorHandler.IsEventStream(response.Content.Headers.ContentType)
            || (surface ?? SseAggregation.SurfaceFromUrl(request.RequestUri)) is not { } known)
            return response;

        var outer = CallScope.Of(request);
        using var own = outer is null ? new CallScope(Limits(request), _time, new EzrouterResponseInfo(), _secret, cancellationToken, bounds: _bounds) : null;
        var scope = outer ?? own!;
        // The scope's metadata comes from ResponseMetadataHandler when the caller asked for it; fill it in otherwise.
        if (scope.Info.StatusCode == 0) scope.Info.Capture(response, timeToFirstByte: null);
        scope.Secret ??= _secret;
        var sse = response.Content;
        try
        {
            // The same response, its SSE body swapped for the model it adds up to: status and headers stay as sent.
            response.Content = new AggregatedContent(await SseAggregation.AggregateAsync(response, known, scope).ConfigureAwait(false));
            return response;
        }
        catch (Exception e)
        {
            response.Dispose();
            if (scope.LimitExceeded(e, CallScope.NoAnswerInTime) is { } timeout) throw timeout;
            throw;
        }
        finally
        {
            sse.Dispose();
        }
    }

    // The request's own limits when it carries them (without a total: that is TotalTimeoutHandler's), else the handler's.
    private EzrouterTimeouts Limits(HttpRequestMessage request)
    {
        if (request.GetRequestOption<EzrouterTimeouts>() is not { } own) return _timeouts;
        var limits = own.Clone();
        limits.Total = null;
        return limits;
    }
}
