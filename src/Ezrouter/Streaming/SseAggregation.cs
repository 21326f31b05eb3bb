using System;
using System.Net.Http;
using System.Threading.Tasks;
using Ezrouter.Middleware.Options;
using Microsoft.Kiota.Abstractions.Serialization;
using Ezrouter.Http;
using Ezrouter.Middleware;

namespace Ezrouter.Streaming;

/// <summary>
/// Gateway: the OpenAI surface answers chat completions with SSE even when <c>stream</c> is false, and
/// <c>/v1/messages</c> and <c>/v1/responses</c> do the same when the upstream streams (docs/gateway-behavior.md §6).
/// This reads such an answer to the end into the <c>chat.completion</c> / <c>Message</c> / <c>response</c> it adds up to. Its one caller is
/// <see cref="SseAggregationHandler"/>.
/// </summary>
internal static class SseAggregation
{
    /// <summary>
    /// The surface a request without a <see cref="SseAggregationOption.Surface"/> is for, from its URL: only for
    /// pipelines whose requests do not say (a plain Kiota adapter over our handlers).
    /// </summary>
    public static EzrouterSurface? SurfaceFromUrl(Uri? uri)
    {
        var path = uri?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal)) return EzrouterSurface.OpenAi;
        if (path.EndsWith("/messages", StringComparison.Ordinal)) return EzrouterSurface.Anthropic;
        if (path.EndsWith("/responses", StringComparison.Ordinal)) return EzrouterSurface.Responses;
        return null;
    }

    /// <summary>The model an SSE answer adds up to; the reader raises a fired limit or an error itself, with what arrived.</summary>
    public static async Task<IParsable> AggregateAsync(HttpResponseMessage response, EzrouterSurface surface, CallScope scope)
    {
        var body = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
        if (surface == EzrouterSurface.OpenAi)
        {
            await using var reader = new ChatStreamReader(body, scope);
            return await reader.AggregateAsync().ConfigureAwait(false);
        }
        if (surface == EzrouterSurface.Responses)
        {
            await using var reader = new ResponseStreamReader(body, scope);
            return await reader.AggregateAsync().ConfigureAwait(false);
        }
        await using (var reader = new MessageStreamReader(body, scope))
            return await reader.AggregateAsync().ConfigureAwait(false);
    }
}
