using System;
using System.Buffers;
using System.Text.Json;

namespace Ezrouter.Benchmarks.Payloads;

/// <summary>
/// Writes Anthropic messages SSE frames as the gateway re-emits a Claude upstream's stream
/// (docs/gateway-behavior.md §7): <c>event: X\ndata: {...}\n\n\n</c>, with the extra blank line.
/// </summary>
internal sealed class AnthropicEventWriter
{
    public const string Id = "msg_01XFDUDYJgAACzvnptvVoYEL";
    public const string Model = "claude-sonnet-4-6";

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public AnthropicEventWriter() => _json = new Utf8JsonWriter(_buffer, ChatChunkWriter.WireOptions);

    public ReadOnlySpan<byte> MessageStart() => Event("message_start", j =>
    {
        j.WriteStartObject("message");
        j.WriteString("id", Id);
        j.WriteString("type", "message");
        j.WriteString("role", "assistant");
        j.WriteString("model", Model);
        j.WriteStartArray("content");
        j.WriteEndArray();
        j.WriteNull("stop_reason");
        j.WriteNull("stop_sequence");
        j.WritePropertyName("usage");
        WriteUsage(j, outputTokens: 1);
        j.WriteEndObject();
    });

    public ReadOnlySpan<byte> Ping() => Event("ping", _ => { });

    public ReadOnlySpan<byte> BlockStart(int index, string type, string? id = null, string? name = null) => Event("content_block_start", j =>
    {
        j.WriteNumber("index", index);
        j.WriteStartObject("content_block");
        j.WriteString("type", type);
        switch (type)
        {
            case "thinking":
                j.WriteString("thinking", string.Empty);
                j.WriteString("signature", string.Empty);
                break;
            case "text":
                j.WriteString("text", string.Empty);
                break;
            case "tool_use":
                j.WriteString("id", id);
                j.WriteString("name", name);
                j.WriteStartObject("input");
                j.WriteEndObject();
                break;
        }
        j.WriteEndObject();
    });

    /// <summary>A content_block_delta: <paramref name="deltaType"/> is thinking_delta, signature_delta, text_delta or input_json_delta.</summary>
    public ReadOnlySpan<byte> Delta(int index, string deltaType, string value) => Event("content_block_delta", j =>
    {
        j.WriteNumber("index", index);
        j.WriteStartObject("delta");
        j.WriteString("type", deltaType);
        j.WriteString(deltaType switch
        {
            "thinking_delta" => "thinking",
            "signature_delta" => "signature",
            "input_json_delta" => "partial_json",
            _ => "text",
        }, value);
        j.WriteEndObject();
    });

    public ReadOnlySpan<byte> BlockStop(int index) => Event("content_block_stop", j => j.WriteNumber("index", index));

    public ReadOnlySpan<byte> MessageDelta(string stopReason, int outputTokens) => Event("message_delta", j =>
    {
        j.WriteStartObject("delta");
        j.WriteString("stop_reason", stopReason);
        j.WriteNull("stop_sequence");
        j.WriteEndObject();
        j.WritePropertyName("usage");
        WriteUsage(j, outputTokens);
    });

    public ReadOnlySpan<byte> MessageStop() => Event("message_stop", _ => { });

    private static void WriteUsage(Utf8JsonWriter j, int outputTokens)
    {
        j.WriteStartObject();
        j.WriteNumber("input_tokens", 20);
        j.WriteNumber("cache_creation_input_tokens", 300);
        j.WriteNumber("cache_read_input_tokens", 1000);
        j.WriteNumber("output_tokens", outputTokens);
        j.WriteEndObject();
    }

    private ReadOnlySpan<byte> Event(string type, Action<Utf8JsonWriter> body)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _buffer.Write("event: "u8);
        _buffer.Write(System.Text.Encoding.UTF8.GetBytes(type));
        _buffer.Write("\ndata: "u8);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n\n\n"u8);
        return _buffer.WrittenSpan;
    }
}
