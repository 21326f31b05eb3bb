using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace Ezrouter;

/// <summary>
/// For pipelines built from <see cref="EzrouterClientFactory.CreateHandlers(EzrouterClientOptions, System.Action{string})"/> under a plain Kiota adapter: Kiota
/// cannot parse <c>text/event-stream</c>, so this handler reads an SSE answer to a chat-completions or messages call
/// to the end (<see cref="SseAggregation"/>) and hands Kiota the JSON it adds up to. Errors and truncation inside
/// the stream surface as typed exceptions carrying the partial result. An <see cref="EzrouterClient"/> aggregates
/// in its <see cref="GatewayRequestAdapter"/> instead, without the JSON round trip, and marks its requests with
/// <see cref="SseAggregationOption"/> <c>Enabled = false</c>, which this handler passes through.
/// </summary>
public sealed class SseAggregationHandler : DelegatingHandler
{
    private readonly EzrouterTimeouts _timeouts;
    private readonly TimeProvider _time;
    private readonly string? _secret;

    /// <summary>Creates the handler.</summary>
    public SseAggregationHandler(EzrouterTimeouts? timeouts = null, TimeProvider? timeProvider = null, string? secret = null)
    {
        _timeouts = timeouts?.Clone() ?? new EzrouterTimeouts();
        _time = timeProvider ?? TimeProvider.System;
        _secret = secret;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.GetRequestOption<SseAggregationOption>() is { Enabled: false }
            ? base.SendAsync(request, cancellationToken)
            : SendAndAggregateAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendAndAggregateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var surface = SseAggregation.SurfaceOf(request.RequestUri);
        if (surface == SseAggregation.Surface.None || !GatewayErrorHandler.IsEventStream(response.Content.Headers.ContentType)) return response;

        using (response)
        {
            var info = new GatewayResponseInfo();
            info.Capture(response, timeToFirstByte: null);
            // The total limit belongs to TotalTimeoutHandler, outside this one; when it is there, its deadline tells a
            // fired limit (a typed timeout, with what arrived) from the caller cancelling.
            using var cancellation = request.Options.TryGetValue(TotalTimeoutHandler.DeadlineKey, out var deadline)
                ? new CallCancellation(cancellationToken, deadline, _time)
                : new CallCancellation(cancellationToken, default, total: null, _time);
            var context = new StreamContext { Info = info, Time = _time, Idle = _timeouts.Idle, Cancellation = cancellation, Secret = _secret };
            var result = await SseAggregation.AggregateAsync(response, surface, context).ConfigureAwait(false);

            var json = new HttpResponseMessage(response.StatusCode)
            {
                RequestMessage = request,
                Version = response.Version,
                ReasonPhrase = response.ReasonPhrase,
                Content = new ByteArrayContent(KiotaJson.Serialize(result!)),
            };
            foreach (var header in response.Headers) json.Headers.TryAddWithoutValidation(header.Key, header.Value);
            json.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return json;
        }
    }
}
