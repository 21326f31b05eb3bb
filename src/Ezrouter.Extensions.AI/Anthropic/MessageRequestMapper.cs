using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Ezrouter.Extensions.AI.Json;
using Ezrouter.Extensions.AI.OpenAi;
using Ezrouter.Generated.Anthropic.Models;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.Anthropic;

/// <summary>M.E.AI messages and options as a messages request (Anthropic surface).</summary>
internal static class MessageRequestMapper
{
    /// <summary>Marks a <see cref="TextReasoningContent"/> that stands for a <c>redacted_thinking</c> block (its data in <c>ProtectedData</c>).</summary>
    public const string RedactedThinkingKey = "ezrouter.redacted_thinking";

    public static CreateMessageRequest Create(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, int defaultMaxTokens)
    {
        var request = options?.RawRepresentationFactory?.Invoke(client) as CreateMessageRequest ?? new CreateMessageRequest();
        request.Model = model;
        request.Messages ??= [];
        var system = new StringBuilder(options?.Instructions);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                if (system.Length > 0) system.Append("\n\n");
                system.Append(TextOnly(message));
            }
            else if (message.Role == ChatRole.User) request.Messages.Add(User(message));
            else if (message.Role == ChatRole.Assistant) request.Messages.Add(Assistant(message));
            else if (message.Role == ChatRole.Tool) AddToolResults(request.Messages, message);
            else throw new ArgumentException($"The Anthropic messages surface has no role '{message.Role}'.", nameof(messages));
        }
        if (system.Length > 0) request.System = new() { String = system.ToString() };
        request.MaxTokens ??= options?.MaxOutputTokens ?? defaultMaxTokens;
        if (options is not null) ApplyOptions(request, options);
        return request;
    }

    private static InputMessage User(ChatMessage message)
    {
        if (message.Contents.All(c => c is TextContent)) return new() { Role = "user", Content = new() { String = message.Text } };
        var blocks = new List<ContentBlock>();
        foreach (var content in message.Contents)
        {
            if (content is TextContent text) blocks.Add(new() { TextBlock = new() { Type = "text", Text = text.Text } });
            else if (content is FunctionResultContent result) blocks.Add(ToolResult(result));
            else ChatRequestMapper.Refuse(content);
        }
        return new() { Role = "user", Content = new() { ContentBlock = blocks } };
    }

    private static InputMessage Assistant(ChatMessage message)
    {
        if (message.Contents.All(c => c is TextContent)) return new() { Role = "assistant", Content = new() { String = message.Text } };
        var blocks = new List<ContentBlock>();
        var thinking = new StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextReasoningContent { AdditionalProperties: { } props } redacted when props.ContainsKey(RedactedThinkingKey):
                    blocks.Add(new() { RedactedThinkingBlock = new() { Type = "redacted_thinking", Data = redacted.ProtectedData } });
                    break;
                case TextReasoningContent reasoning:
                    // Streamed thinking may arrive as several pieces, the signature on the last one: a signature closes
                    // the block. Thinking with no signature (from the OpenAI surface, which drops signatures) cannot be
                    // sent back, as the surface refuses unsigned thinking, so it is left out.
                    thinking.Append(reasoning.Text);
                    if (!string.IsNullOrEmpty(reasoning.ProtectedData))
                    {
                        blocks.Add(new() { ThinkingBlock = new() { Type = "thinking", Thinking = thinking.ToString(), Signature = reasoning.ProtectedData } });
                        thinking.Clear();
                    }
                    break;
                case TextContent text:
                    if (text.Text.Length > 0) blocks.Add(new() { TextBlock = new() { Type = "text", Text = text.Text } });
                    break;
                case FunctionCallContent call:
                    blocks.Add(new() { ToolUseBlock = new() { Type = "tool_use", Id = call.CallId, Name = call.Name, Input = UntypedJson.FromJson(UntypedJson.ArgumentsToJson(call.Arguments)) } });
                    break;
                default:
                    ChatRequestMapper.Refuse(content);
                    break;
            }
        }
        return new() { Role = "assistant", Content = new() { ContentBlock = blocks } };
    }

    /// <summary>Tool results are user turns of <c>tool_result</c> blocks; consecutive ones share one turn.</summary>
    private static void AddToolResults(List<InputMessage> messages, ChatMessage message)
    {
        var blocks = new List<ContentBlock>();
        foreach (var content in message.Contents)
        {
            if (content is FunctionResultContent result) blocks.Add(ToolResult(result));
            else ChatRequestMapper.Refuse(content);
        }
        if (messages.Count > 0 && messages[^1] is { Role: "user", Content.ContentBlock: { } previous } && previous.All(b => b.ToolResultBlock is not null))
            previous.AddRange(blocks);
        else messages.Add(new() { Role = "user", Content = new() { ContentBlock = blocks } });
    }

    private static ContentBlock ToolResult(FunctionResultContent result) => new()
    {
        ToolResultBlock = new() { Type = "tool_result", ToolUseId = result.CallId, Content = new() { String = UntypedJson.ResultToText(result.Result) } },
    };

    private static string TextOnly(ChatMessage message)
    {
        foreach (var content in message.Contents)
            if (content is not TextContent) ChatRequestMapper.Refuse(content);
        return message.Text;
    }

    private static void ApplyOptions(CreateMessageRequest request, ChatOptions options)
    {
        if (options.Temperature is { } temperature) request.Temperature = temperature;
        if (options.TopP is { } topP) request.TopP = topP;
        if (options.TopK is { } topK) request.TopK = topK;
        if (options.StopSequences is { Count: > 0 } stops) request.StopSequences = [.. stops];
        // Seed, FrequencyPenalty and PresencePenalty have no counterpart on this surface and are not sent.
        if (options.ResponseFormat is ChatResponseFormatJson)
            throw new NotSupportedException("The Anthropic messages surface has no JSON response format; use EzrouterChatRoute.OpenAiChat (Auto picks it for a JSON format without tools).");
        var tools = options.Tools?.OfType<AIFunctionDeclaration>().ToList();
        if (options.Tools is { Count: > 0 } && tools!.Count != options.Tools.Count)
            throw new NotSupportedException("EzrouterChatClient sends function tools only (AIFunctionDeclaration).");
        if (tools is { Count: > 0 })
        {
            request.Tools = [.. tools.Select(t => new Tool
            {
                Name = t.Name,
                Description = string.IsNullOrEmpty(t.Description) ? null : t.Description,
                InputSchema = UntypedJson.FromElement(t.JsonSchema),
            })];
            request.ToolChoice = options.ToolMode switch
            {
                null => null,
                AutoChatToolMode => new() { ToolChoiceAuto = new() { Type = "auto" } },
                NoneChatToolMode => new() { ToolChoiceNone = new() { Type = "none" } },
                RequiredChatToolMode { RequiredFunctionName: { } name } => new() { ToolChoiceTool = new() { Type = "tool", Name = name } },
                RequiredChatToolMode => new() { ToolChoiceAny = new() { Type = "any" } },
                _ => throw new NotSupportedException($"Tool mode {options.ToolMode.GetType().Name}."),
            };
        }
        if (options.AdditionalProperties is { } extra)
            foreach (var (key, value) in extra) request.AdditionalData[key] = UntypedJson.FromValue(value);
    }
}
