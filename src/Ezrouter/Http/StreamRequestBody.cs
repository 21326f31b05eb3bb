using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter.Http;

/// <summary>The request body of a stream call: the serialized body with <c>"stream": true</c>.</summary>
internal static class StreamRequestBody
{
    /// <summary>
    /// The request body with <c>"stream": true</c>, leaving the caller's model untouched (setting and restoring
    /// its <c>Stream</c> property would race when one request object is streamed from two threads).
    /// <paramref name="requested"/> is the model's own <c>Stream</c> value, read but never written.
    /// </summary>
    public static void Force(RequestInformation request, bool? requested)
    {
        if (requested == true || request.Content is not { } content) return;
        // Kiota serializes into a pooled stream (RecyclableMemoryStream): dispose it, or its finalizer returns the
        // blocks later, under the pool's lock, on the finalizer thread (it was a third of the CPU a short stream cost).
        using (content) request.Content = WithStream(ReadAll(content), requested);
    }

    private static MemoryStream WithStream(ArraySegment<byte> json, bool? requested)
    {
        byte[] body;
        if (requested is null && json.Count >= 2 && json[0] == (byte)'{')
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
            // Written with a writer, not JsonSerializer: no reflection, so it works trimmed and under Native AOT.
            using var written = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(written)) parsed.WriteTo(writer);
            body = written.ToArray();
        }
        // Not an object: sent as it was (the original stream is read and disposed, so its bytes go in a new one).
        else body = json.ToArray();
        // Its buffer visible, so the request is sent from it without another copy (ConvertingRequestAdapter).
        return new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true);
    }

    // The body's bytes: read in place from a stream that shows its buffer (the layer's writer hands one out), so a
    // long conversation is not copied once more only to be copied into the new body.
    private static ArraySegment<byte> ReadAll(Stream content)
    {
        if (content is MemoryStream memory)
        {
            if (memory.TryGetBuffer(out var buffer)) return buffer[(int)memory.Position..];
            return memory.ToArray();
        }
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }
}
