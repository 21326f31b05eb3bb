using System;
using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;
using Message = Ezrouter.Generated.Anthropic.Models.Message;

namespace Ezrouter.Diagnostics;

/// <summary>
/// Prompt and completion text on a span, only when the caller opted in
/// (<see cref="EzrouterClientOptions.CaptureMessageContent"/>), in the GenAI conventions' JSON shapes:
/// <c>gen_ai.input.messages</c>, <c>gen_ai.system_instructions</c> and <c>gen_ai.output.messages</c>, each a list of
/// messages with a role and parts (<c>text</c>, <c>reasoning</c>, <c>tool_call</c>, <c>tool_call_response</c>; any
/// other part by its type alone: images and documents are not copied). Both surfaces' bodies are read as JSON with
/// <see cref="Utf8JsonReader"/>'s DOM and written with <see cref="Utf8JsonWriter"/>: no reflection. The key is taken
/// out of the result.
/// </summary>
internal static class GenAiContent
{
    /// <summary>The prompt, from the serialized request body of either surface.</summary>
    public static void AddInput(Activity activity, ReadOnlySpan<byte> body, ClientDiagnostics diagnostics)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return;
            if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
                activity.SetTag("gen_ai.input.messages", Write(diagnostics, w =>
                {
                    w.WriteStartArray();
                    foreach (var message in messages.EnumerateArray()) WriteMessage(w, message, finishReason: null);
                    w.WriteEndArray();
                }));
            // The Anthropic surface keeps its system prompt apart, as the conventions do.
            if (root.TryGetProperty("system", out var system))
                activity.SetTag("gen_ai.system_instructions", Write(diagnostics, w =>
                {
                    w.WriteStartArray();
                    WriteParts(w, system);
                    w.WriteEndArray();
                }));
        }
        catch (JsonException)
        {
            // Not JSON we can read: no content recorded, the call itself is not affected.
        }
    }

    /// <summary>A chat completion's choices as output messages.</summary>
    public static void AddOutput(Activity activity, CreateChatCompletionResponse completion, ClientDiagnostics diagnostics)
    {
        using var document = JsonDocument.Parse(KiotaJson.Serialize(completion));
        if (!document.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array) return;
        activity.SetTag("gen_ai.output.messages", Write(diagnostics, w =>
        {
            w.WriteStartArray();
            foreach (var choice in choices.EnumerateArray())
                if (choice.TryGetProperty("message", out var message))
                    WriteMessage(w, message, choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null);
            w.WriteEndArray();
        }));
    }

    /// <summary>A message's content blocks as one output message.</summary>
    public static void AddOutput(Activity activity, Message message, ClientDiagnostics diagnostics)
    {
        using var document = JsonDocument.Parse(KiotaJson.Serialize(message));
        activity.SetTag("gen_ai.output.messages", Write(diagnostics, w =>
        {
            w.WriteStartArray();
            WriteMessage(w, document.RootElement, message.StopReason);
            w.WriteEndArray();
        }));
    }

    private static string? Write(ClientDiagnostics diagnostics, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return diagnostics.Clean(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>One message of either surface: its role, its parts, and a finish reason for an output message.</summary>
    private static void WriteMessage(Utf8JsonWriter w, JsonElement message, string? finishReason)
    {
        if (message.ValueKind != JsonValueKind.Object) return;
        w.WriteStartObject();
        w.WriteString("role", String(message, "role") ?? "assistant");
        w.WriteStartArray("parts");
        if (message.TryGetProperty("reasoning_content", out var reasoning) && reasoning.ValueKind == JsonValueKind.String)
            Part(w, "reasoning", reasoning.GetString());
        if (message.TryGetProperty("content", out var content))
        {
            // An OpenAI tool message answers one call: its content is that call's response.
            if (String(message, "tool_call_id") is { } callId)
            {
                w.WriteStartObject();
                w.WriteString("type", "tool_call_response");
                w.WriteString("id", callId);
                w.WritePropertyName("response");
                content.WriteTo(w);
                w.WriteEndObject();
            }
            else WriteParts(w, content);
        }
        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.TryGetProperty("function", out var f) ? f : default;
                ToolCall(w, String(call, "id"), function.ValueKind == JsonValueKind.Object ? String(function, "name") : null,
                    function.ValueKind == JsonValueKind.Object && function.TryGetProperty("arguments", out var arguments) ? arguments : default);
            }
        w.WriteEndArray();
        if (finishReason is not null) w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
    }

    /// <summary>Content as parts: a string is one text part; an array holds text, thinking, tool and other blocks.</summary>
    private static void WriteParts(Utf8JsonWriter w, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            Part(w, "text", content.GetString());
            return;
        }
        if (content.ValueKind != JsonValueKind.Array) return;
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object) continue;
            switch (String(block, "type"))
            {
                case "text": Part(w, "text", String(block, "text")); break;
                case "thinking": Part(w, "reasoning", String(block, "thinking")); break;
                case "tool_use": ToolCall(w, String(block, "id"), String(block, "name"), block.TryGetProperty("input", out var input) ? input : default); break;
                case "tool_result":
                    w.WriteStartObject();
                    w.WriteString("type", "tool_call_response");
                    w.WriteString("id", String(block, "tool_use_id"));
                    w.WritePropertyName("response");
                    if (block.TryGetProperty("content", out var result)) result.WriteTo(w);
                    else w.WriteNullValue();
                    w.WriteEndObject();
                    break;
                case var other:
                    w.WriteStartObject();
                    w.WriteString("type", other ?? "unknown");
                    w.WriteEndObject();
                    break;
            }
        }
    }

    private static void Part(Utf8JsonWriter w, string type, string? text)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("content", text);
        w.WriteEndObject();
    }

    private static void ToolCall(Utf8JsonWriter w, string? id, string? name, JsonElement arguments)
    {
        w.WriteStartObject();
        w.WriteString("type", "tool_call");
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WritePropertyName("arguments");
        if (arguments.ValueKind == JsonValueKind.Undefined) w.WriteNullValue();
        else arguments.WriteTo(w);
        w.WriteEndObject();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
