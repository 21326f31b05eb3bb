using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter;

/// <summary>
/// Sends the requests whose answers this layer reads itself (streams, and SSE answers to non-stream calls): the body
/// made to stream, the request converted by the Kiota adapter (authentication, headers, options) and sent through the
/// client's <see cref="HttpClient"/> pipeline, headers only, the live response handed back.
/// </summary>
internal static class StreamingCall
{
    /// <summary>
    /// The request body with <c>"stream": true</c>, leaving the caller's model untouched (setting and restoring
    /// its <c>Stream</c> property would race when one request object is streamed from two threads).
    /// <paramref name="requested"/> is the model's own <c>Stream</c> value, read but never written.
    /// </summary>
    public static void ForceStream(RequestInformation request, bool? requested)
    {
        if (requested == true || request.Content is not { } content) return;
        byte[] json;
        // Kiota serializes into a pooled stream (RecyclableMemoryStream): dispose it, or its finalizer returns the
        // blocks later, under the pool's lock, on the finalizer thread (it was a third of the CPU a short stream cost).
        using (content) json = ReadAll(content);
        byte[] body;
        if (requested is null && json.Length >= 2 && json[0] == (byte)'{')
        {
            // Not serialized at all: splice the field in after the opening brace, no parse needed.
            var field = "\"stream\":true"u8;
            var rest = json.AsSpan(1);
            var empty = rest.TrimStart(" \t\r\n"u8) is [(byte)'}', ..];
            body = new byte[1 + field.Length + (empty ? 0 : 1) + rest.Length];
            body[0] = (byte)'{';
            field.CopyTo(body.AsSpan(1));
            if (!empty) body[1 + field.Length] = (byte)',';
            rest.CopyTo(body.AsSpan(body.Length - rest.Length));
        }
        else if (System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject parsed)
        {
            parsed["stream"] = true;
            body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(parsed);
        }
        // Not an object: sent as it was (the original stream is read and disposed, so its bytes go in a new one).
        else body = json;
        request.Content = new System.IO.MemoryStream(body, writable: false);
    }

    private static byte[] ReadAll(System.IO.Stream content)
    {
        if (content is System.IO.MemoryStream memory) return memory.ToArray();
        using var copy = new System.IO.MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Converts the request with the Kiota adapter (authentication, headers, request options, body) and sends it
    /// through the client's <see cref="HttpClient"/> pipeline, reading headers only. Not the adapter's
    /// <c>SendPrimitiveAsync</c>: it names a tracing span from the URL template with a regular expression on every
    /// call, whether anything listens or not (3.3 µs of a 20 µs short stream), and the rest of what it adds (response
    /// parsing, Kiota's error mapping, a CAE retry) does not apply to an answer this layer reads itself.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(IRequestAdapter adapter, HttpClient http, RequestInformation request, GatewayResponseInfo info, CancellationToken cancellationToken)
    {
        request.AddRequestOptions([new SseAggregationOption { Enabled = false }, info]);
        // Disposed once the headers are in, as Kiota's adapter does: that also disposes the serialized body.
        using var message = await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(request, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The request adapter did not produce an HTTP request.");
        return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The context a stream reader raises its errors with.</summary>
    public static StreamContext Context(GatewayResponseInfo info, StreamSettings settings, CallCancellation cancellation) => new()
    {
        Info = info,
        Time = settings.Time,
        Idle = settings.Timeouts.Idle,
        Cancellation = cancellation,
        Secret = settings.Secret,
    };
}

/// <summary>The client settings a stream needs.</summary>
internal sealed record StreamSettings(EzrouterTimeouts Timeouts, TimeProvider Time, string? Secret, HttpClient Http);
