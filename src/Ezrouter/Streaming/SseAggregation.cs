using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter;

/// <summary>
/// Gateway: the OpenAI surface answers chat completions with SSE even when <c>stream</c> is false, and
/// <c>/v1/messages</c> does the same when the upstream streams (docs/gateway-behavior.md §6). This reads such an
/// answer to the end into the <c>chat.completion</c> / <c>Message</c> it adds up to. Used by
/// <see cref="GatewayRequestAdapter"/> (our clients) and <see cref="SseAggregationHandler"/> (pipelines built from
/// our handlers on a plain Kiota adapter).
/// </summary>
internal static class SseAggregation
{
    public enum Surface { None, Chat, Messages }

    public static Surface SurfaceOf(Uri? uri)
    {
        var path = uri?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal)) return Surface.Chat;
        if (path.EndsWith("/messages", StringComparison.Ordinal)) return Surface.Messages;
        return Surface.None;
    }

    /// <summary>The aggregated model, or null when the response is not an SSE answer on a surface we aggregate.</summary>
    public static async Task<IParsable?> AggregateAsync(HttpResponseMessage response, Surface surface, StreamContext context)
    {
        if (surface == Surface.None || !GatewayErrorHandler.IsEventStream(response.Content.Headers.ContentType)) return null;
        var body = await response.Content.ReadAsStreamAsync(context.Cancellation.Token).ConfigureAwait(false);
        if (surface == Surface.Chat)
        {
            await using var reader = new ChatStreamReader(body, context);
            return await reader.AggregateAsync().ConfigureAwait(false);
        }
        await using (var reader = new MessageStreamReader(body, context))
            return await reader.AggregateAsync().ConfigureAwait(false);
    }
}
