using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ezrouter.Benchmarks.Payloads;

/// <summary>
/// Writes chat-completions SSE frames as the gateway sends them for a claude model on the OpenAI surface
/// (docs/gateway-behavior.md §8, §9): <c>msg_…</c> id, <c>"usage":null</c> on ordinary chunks, a role chunk first, tool
/// calls started with id/type/name and continued by index, a final usage-only chunk, then <c>data: [DONE]</c>.
/// </summary>
internal sealed class ChatChunkWriter
{
    public const string Id = "msg_01XFDUDYJgAACzvnptvVoYEL";
    public const string Model = "claude-sonnet-4-6";
    public const long Created = 1763683200;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    /// <summary>As the gateway (Go encoding/json) writes strings: non-ASCII as UTF-8, quotes as <c>\"</c>.</summary>
    public static readonly JsonWriterOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ChatChunkWriter() => _json = new Utf8JsonWriter(_buffer, WireOptions);

    /// <summary>The frame written last (valid until the next call).</summary>
    public ReadOnlySpan<byte> Frame => _buffer.WrittenSpan;

    public ReadOnlySpan<byte> Role() => Chunk(j =>
    {
        j.WriteString("role", "assistant");
        j.WriteString("content", string.Empty);
    });

    public ReadOnlySpan<byte> Content(string text) => Chunk(j => j.WriteString("content", text));

    public ReadOnlySpan<byte> ToolCallStart(int index, string id, string name) => Chunk(j =>
    {
        j.WriteStartArray("tool_calls");
        j.WriteStartObject();
        j.WriteNumber("index", index);
        j.WriteString("id", id);
        j.WriteString("type", "function");
        j.WriteStartObject("function");
        j.WriteString("name", name);
        j.WriteString("arguments", string.Empty);
        j.WriteEndObject();
        j.WriteEndObject();
        j.WriteEndArray();
    });

    public ReadOnlySpan<byte> ToolCallArguments(int index, string fragment) => Chunk(j =>
    {
        j.WriteStartArray("tool_calls");
        j.WriteStartObject();
        j.WriteNumber("index", index);
        j.WriteStartObject("function");
        j.WriteString("arguments", fragment);
        j.WriteEndObject();
        j.WriteEndObject();
        j.WriteEndArray();
    });

    public ReadOnlySpan<byte> Finish(string reason) => Chunk(_ => { }, reason);

    public ReadOnlySpan<byte> Usage(int completionTokens)
    {
        Begin();
        _json.WriteStartArray("choices");
        _json.WriteEndArray();
        _json.WritePropertyName("usage");
        WriteUsage(_json, completionTokens);
        return End();
    }

    public static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    /// <summary>The gateway's usage object (dto/openai_response.go): OpenAI fields plus the always-present extras.</summary>
    public static void WriteUsage(Utf8JsonWriter j, int completionTokens)
    {
        j.WriteStartObject();
        j.WriteNumber("prompt_tokens", 1200);
        j.WriteNumber("completion_tokens", completionTokens);
        j.WriteNumber("total_tokens", 1200 + completionTokens);
        j.WriteStartObject("prompt_tokens_details");
        j.WriteNumber("cached_tokens", 1000);
        j.WriteNumber("cached_creation_tokens", 150);
        j.WriteEndObject();
        j.WriteStartObject("completion_tokens_details");
        j.WriteNumber("reasoning_tokens", 0);
        j.WriteEndObject();
        j.WriteNumber("input_tokens", 1200);
        j.WriteNumber("output_tokens", 0);
        j.WriteNumber("claude_cache_creation_5_m_tokens", 100);
        j.WriteNumber("claude_cache_creation_1_h_tokens", 50);
        j.WriteEndObject();
    }

    private ReadOnlySpan<byte> Chunk(Action<Utf8JsonWriter> delta, string? finishReason = null)
    {
        Begin();
        _json.WriteStartArray("choices");
        _json.WriteStartObject();
        _json.WriteNumber("index", 0);
        _json.WriteStartObject("delta");
        delta(_json);
        _json.WriteEndObject();
        if (finishReason is null) _json.WriteNull("finish_reason");
        else _json.WriteString("finish_reason", finishReason);
        _json.WriteEndObject();
        _json.WriteEndArray();
        _json.WriteNull("usage");
        return End();
    }

    private void Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _buffer.Write("data: "u8);
        _json.WriteStartObject();
        _json.WriteString("id", Id);
        _json.WriteString("object", "chat.completion.chunk");
        _json.WriteNumber("created", Created);
        _json.WriteString("model", Model);
    }

    private ReadOnlySpan<byte> End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n\n"u8);
        return _buffer.WrittenSpan;
    }
}
