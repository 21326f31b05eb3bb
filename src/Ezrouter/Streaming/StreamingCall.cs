using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter;

/// <summary>
/// Sends a request through the Kiota adapter (so auth, retries, errors and metadata all apply) and hands back the
/// live response: <c>SendPrimitiveAsync&lt;Stream&gt;</c> reads headers only, and a <see cref="NativeResponseHandler"/>
/// keeps Kiota from touching the body.
/// </summary>
internal static class StreamingCall
{
    /// <summary>
    /// The request body with <c>"stream": true</c>, leaving the caller's model untouched (setting and restoring
    /// its <c>Stream</c> property would race when one request object is streamed from two threads).
    /// </summary>
    public static void ForceStream(RequestInformation request)
    {
        if (request.Content is not { } content) return;
        var node = System.Text.Json.Nodes.JsonNode.Parse(content);
        if (node is not System.Text.Json.Nodes.JsonObject body || body["stream"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
        {
            content.Position = 0;
            return;
        }
        body["stream"] = true;
        request.Content = new System.IO.MemoryStream(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body), writable: false);
    }

    public static async Task<HttpResponseMessage> SendAsync(IRequestAdapter adapter, RequestInformation request, GatewayResponseInfo info, CancellationToken cancellationToken)
    {
        request.AddRequestOptions([new SseAggregationOption { Enabled = false }, info]);
        var native = new NativeResponseHandler();
        request.SetResponseHandler(native);
        await adapter.SendPrimitiveAsync<Stream>(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return native.Value as HttpResponseMessage
            ?? throw new InvalidOperationException("The request adapter did not hand back the HTTP response.");
    }

    /// <summary>The context a stream reader raises its errors with.</summary>
    public static StreamContext Context(GatewayResponseInfo info, StreamSettings settings, CancellationTokenSource? total) => new()
    {
        Info = info,
        Time = settings.Time,
        Idle = settings.Timeouts.Idle,
        TotalLimit = settings.Timeouts.Total,
        Total = total,
        Secret = settings.Secret,
    };
}

/// <summary>The client settings a stream needs.</summary>
internal sealed record StreamSettings(EzrouterTimeouts Timeouts, TimeProvider Time, string? Secret);
