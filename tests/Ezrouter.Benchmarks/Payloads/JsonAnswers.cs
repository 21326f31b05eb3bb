using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Ezrouter.Benchmarks.Payloads;

/// <summary>The plain JSON answers: the completion or message a stream adds up to, a short message, the model list in both shapes.</summary>
internal static class JsonAnswers
{
    public static string Completion(string content, List<(string Id, string Name, string Arguments)> calls, string finish, int completionTokens)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, ChatChunkWriter.WireOptions))
        {
            j.WriteStartObject();
            j.WriteString("id", ChatChunkWriter.Id);
            j.WriteString("object", "chat.completion");
            j.WriteNumber("created", ChatChunkWriter.Created);
            j.WriteString("model", ChatChunkWriter.Model);
            j.WriteStartArray("choices");
            j.WriteStartObject();
            j.WriteNumber("index", 0);
            j.WriteStartObject("message");
            j.WriteString("role", "assistant");
            j.WriteString("content", content);
            if (calls.Count > 0)
            {
                j.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    j.WriteStartObject();
                    j.WriteString("id", call.Id);
                    j.WriteString("type", "function");
                    j.WriteStartObject("function");
                    j.WriteString("name", call.Name);
                    j.WriteString("arguments", call.Arguments);
                    j.WriteEndObject();
                    j.WriteEndObject();
                }
                j.WriteEndArray();
            }
            j.WriteEndObject();
            j.WriteString("finish_reason", finish);
            j.WriteEndObject();
            j.WriteEndArray();
            j.WritePropertyName("usage");
            ChatChunkWriter.WriteUsage(j, completionTokens);
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
    public static string Message(string thinking, string signature, string answer, string toolId, string arguments)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, ChatChunkWriter.WireOptions))
        {
            j.WriteStartObject();
            j.WriteString("id", AnthropicEventWriter.Id);
            j.WriteString("type", "message");
            j.WriteString("role", "assistant");
            j.WriteString("model", AnthropicEventWriter.Model);
            j.WriteStartArray("content");
            j.WriteStartObject();
            j.WriteString("type", "thinking");
            j.WriteString("thinking", thinking);
            j.WriteString("signature", signature);
            j.WriteEndObject();
            j.WriteStartObject();
            j.WriteString("type", "text");
            j.WriteString("text", answer);
            j.WriteEndObject();
            j.WriteStartObject();
            j.WriteString("type", "tool_use");
            j.WriteString("id", toolId);
            j.WriteString("name", "get_weather");
            j.WritePropertyName("input");
            using (var document = JsonDocument.Parse(arguments)) document.WriteTo(j);
            j.WriteEndObject();
            j.WriteEndArray();
            j.WriteString("stop_reason", "tool_use");
            j.WriteNull("stop_sequence");
            j.WriteStartObject("usage");
            j.WriteNumber("input_tokens", 20);
            j.WriteNumber("cache_creation_input_tokens", 300);
            j.WriteNumber("cache_read_input_tokens", 1000);
            j.WriteNumber("output_tokens", 1500);
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
    public static Recording ShortMessage()
    {
        var text = new TokenSource(1);
        var answer = new StringBuilder();
        for (var i = 0; i < 10; i++) answer.Append(text.NextToken());
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, ChatChunkWriter.WireOptions))
        {
            j.WriteStartObject();
            j.WriteString("id", AnthropicEventWriter.Id);
            j.WriteString("type", "message");
            j.WriteString("role", "assistant");
            j.WriteString("model", AnthropicEventWriter.Model);
            j.WriteStartArray("content");
            j.WriteStartObject();
            j.WriteString("type", "text");
            j.WriteString("text", answer.ToString());
            j.WriteEndObject();
            j.WriteEndArray();
            j.WriteString("stop_reason", "end_turn");
            j.WriteNull("stop_sequence");
            j.WriteStartObject("usage");
            j.WriteNumber("input_tokens", 20);
            j.WriteNumber("cache_creation_input_tokens", 0);
            j.WriteNumber("cache_read_input_tokens", 0);
            j.WriteNumber("output_tokens", 10);
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return new Recording("short-message-json", buffer.ToArray(), Recording.Json, 1, answer.Length);
    }
    public static Recording ModelList(bool anthropicShape)
    {
        string[] ids =
        [
            "claude-sonnet-4-6", "claude-opus-4-7", "claude-haiku-4-5-20251001", "claude-haiku-4-5", "gpt-5.2", "gpt-5.2-mini",
            "gpt-4.1", "gpt-4.1-mini", "o4-mini", "deepseek-v4-flash", "deepseek-v4", "gemini-3-pro", "gemini-3-flash",
            "qwen3-max", "kimi-k2", "glm-4.6", "text-embedding-3-large", "text-embedding-3-small",
        ];
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, ChatChunkWriter.WireOptions))
        {
            j.WriteStartObject();
            if (!anthropicShape)
            {
                j.WriteBoolean("success", true);
                j.WriteString("object", "list");
            }
            j.WriteStartArray("data");
            foreach (var id in ids)
            {
                j.WriteStartObject();
                j.WriteString(anthropicShape ? "type" : "object", "model");
                j.WriteString("id", id);
                if (anthropicShape)
                {
                    j.WriteString("created_at", "2021-07-20T00:00:00Z");
                    j.WriteString("display_name", id);
                }
                else
                {
                    var claude = id.StartsWith("claude", StringComparison.Ordinal);
                    j.WriteNumber("created", 1626777600);
                    j.WriteString("owned_by", claude ? "claude" : id.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : "custom");
                    j.WriteStartArray("supported_endpoint_types");
                    if (claude) j.WriteStringValue("anthropic");
                    j.WriteStringValue("openai");
                    j.WriteEndArray();
                }
                j.WriteEndObject();
            }
            j.WriteEndArray();
            if (anthropicShape)
            {
                j.WriteString("first_id", ids[0]);
                j.WriteBoolean("has_more", false);
                j.WriteString("last_id", ids[^1]);
            }
            j.WriteEndObject();
        }
        var idChars = 0;
        foreach (var id in ids) idChars += id.Length;
        return new Recording(anthropicShape ? "models-anthropic" : "models", buffer.ToArray(), Recording.Json, 1, idChars);
    }
}
