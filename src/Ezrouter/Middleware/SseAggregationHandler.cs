using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace Ezrouter;

/// <summary>
/// Gateway: the OpenAI surface answers chat completions with SSE even when <c>stream</c> is false, and
/// <c>/v1/messages</c> does the same when the upstream streams (gateway-wire-behavior.md §3). Kiota cannot parse
/// <c>text/event-stream</c>, so this handler reads such an answer to the end and hands Kiota the JSON
/// <c>chat.completion</c> / <c>Message</c> it adds up to. The generated <c>PostAsync</c> stays the API; it simply
/// works. Errors and truncation inside the stream surface as typed exceptions carrying the partial result.
/// Requests carrying <see cref="SseAggregationOption"/> with <c>Enabled = false</c> (the streaming APIs) pass through.
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
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.GetRequestOption<SseAggregationOption>() is { Enabled: false }) return response;
        if (!GatewayErrorHandler.IsEventStream(response.Content.Headers.ContentType)) return response;
        var surface = SurfaceOf(request.RequestUri);
        if (surface == Surface.None) return response;

        using (response)
        {
            var info = new GatewayResponseInfo();
            info.Capture(response, timeToFirstByte: null);
            var context = new StreamContext { Info = info, Time = _time, Idle = _timeouts.Idle, Secret = _secret };

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            IParsable result;
            if (surface == Surface.Chat)
            {
                await using var reader = new ChatStreamReader(body, context, cancellationToken);
                result = await reader.AggregateAsync().ConfigureAwait(false);
            }
            else
            {
                await using var reader = new MessageStreamReader(body, context, cancellationToken);
                result = await reader.AggregateAsync().ConfigureAwait(false);
            }

            // The model rides in the body as itself; PreParsedJsonParseNodeFactory gives it to Kiota unparsed.
            var json = new HttpResponseMessage(response.StatusCode)
            {
                RequestMessage = request,
                Version = response.Version,
                ReasonPhrase = response.ReasonPhrase,
                Content = new ParsedModelContent(result),
            };
            foreach (var header in response.Headers) json.Headers.TryAddWithoutValidation(header.Key, header.Value);
            return json;
        }
    }

    private enum Surface { None, Chat, Messages }

    private static Surface SurfaceOf(Uri? uri)
    {
        var path = uri?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal)) return Surface.Chat;
        if (path.EndsWith("/messages", StringComparison.Ordinal)) return Surface.Messages;
        return Surface.None;
    }
}
