using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Ezrouter.Extensions.AI.Json;
using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.OpenAi;

/// <summary>M.E.AI messages and options as a chat completions request (OpenAI surface).</summary>
internal static class ChatRequestMapper
{
    public static CreateChatCompletionRequest Create(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, string model)
    {
        var request = options?.RawRepresentationFactory?.Invoke(client) as CreateChatCompletionRequest ?? new CreateChatCompletionRequest();
        request.Model = model;
        request.Messages ??= [];
        if (options?.Instructions is { Length: > 0 } instructions)
            request.Messages.Add(new() { ChatCompletionRequestSystemMessage = new() { Role = "system", Content = new() { String = instructions } } });
        foreach (var message in messages) AddMessage(request.Messages, message);
        if (options is not null) ApplyOptions(request, options);
        return request;
    }

    private static void AddMessage(List<ChatCompletionRequestMessage> messages, ChatMessage message)
    {
        if (message.Role == ChatRole.System)
        {
            messages.Add(new() { ChatCompletionRequestSystemMessage = new() { Role = "system", Content = new() { String = TextOf(message) } } });
        }
        else if (message.Role == ChatRole.User)
        {
            messages.Add(new() { ChatCompletionRequestUserMessage = new() { Role = "user", Name = message.AuthorName, Content = new() { String = TextOf(message) } } });
        }
        else if (message.Role == ChatRole.Assistant)
        {
            var reasoning = new StringBuilder();
            var calls = new List<ChatCompletionMessageToolCall>();
            var text = new StringBuilder();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent t: text.Append(t.Text); break;
                    case TextReasoningContent r: reasoning.Append(r.Text); break;
                    case FunctionCallContent call:
                        calls.Add(new() { Id = call.CallId, Type = "function", Function = new() { Name = call.Name, Arguments = UntypedJson.ArgumentsToJson(call.Arguments) } });
                        break;
                    default: Refuse(content); break;
                }
            }
            messages.Add(new()
            {
                ChatCompletionRequestAssistantMessage = new()
                {
                    Role = "assistant",
                    Name = message.AuthorName,
                    Content = text.Length == 0 && calls.Count > 0 ? null : new() { String = text.ToString() },
                    ToolCalls = calls.Count > 0 ? calls : null,
                    // Reasoning goes back only with tool calls: thinking upstreams that want it (DeepSeek-style) want it
                    // for the tool loop, and some refuse it on a plain turn.
                    ReasoningContent = calls.Count > 0 && reasoning.Length > 0 ? reasoning.ToString() : null,
                },
            });
        }
        else if (message.Role == ChatRole.Tool)
        {
            foreach (var content in message.Contents)
            {
                if (content is not FunctionResultContent result) { Refuse(content); continue; }
                messages.Add(new() { ChatCompletionRequestToolMessage = new() { Role = "tool", ToolCallId = result.CallId, Content = new() { String = UntypedJson.ResultToText(result.Result) } } });
            }
        }
        else
        {
            throw new ArgumentException($"The OpenAI chat surface has no role '{message.Role}'.", nameof(message));
        }
    }

    private static string TextOf(ChatMessage message)
    {
        foreach (var content in message.Contents)
            if (content is not TextContent) Refuse(content);
        return message.Text;
    }

    /// <summary>No silent loss: content this adapter cannot send fails the call before anything is sent.</summary>
    internal static void Refuse(AIContent content) =>
        throw new NotSupportedException($"EzrouterChatClient cannot send {content.GetType().Name} here; send it with client.Chat or client.Messages directly.");

    private static void ApplyOptions(CreateChatCompletionRequest request, ChatOptions options)
    {
        if (options.Temperature is { } temperature) request.Temperature = temperature;
        if (options.TopP is { } topP) request.TopP = topP;
        if (options.MaxOutputTokens is { } max) request.MaxCompletionTokens = max;
        if (options.Seed is { } seed) request.Seed = seed;
        if (options.FrequencyPenalty is { } frequency) request.FrequencyPenalty = frequency;
        if (options.PresencePenalty is { } presence) request.PresencePenalty = presence;
        if (options.StopSequences is { Count: > 0 } stops) request.Stop = new() { String = [.. stops] };
        if (options.AllowMultipleToolCalls is { } parallel) request.ParallelToolCalls = parallel;
        if (options.Reasoning?.Effort is { } effort) request.ReasoningEffort = effort.ToString().ToLowerInvariant();
        // The OpenAI spec has no top_k: it goes as an extra body field, which the gateway hands to upstreams that
        // take one (Claude) and others ignore.
        if (options.TopK is { } topK) request.AdditionalData["top_k"] = new Microsoft.Kiota.Abstractions.Serialization.UntypedInteger(topK);
        request.ResponseFormat = options.ResponseFormat switch
        {
            null => request.ResponseFormat,
            ChatResponseFormatText => new() { ResponseFormatText = new() { Type = "text" } },
            ChatResponseFormatJson { Schema: { } schema } json => new()
            {
                ResponseFormatJsonSchema = new()
                {
                    Type = "json_schema",
                    JsonSchema = new() { Name = json.SchemaName ?? "response", Description = json.SchemaDescription, Schema = UntypedJson.FromElement(schema), Strict = true },
                },
            },
            ChatResponseFormatJson => new() { ResponseFormatJsonObject = new() { Type = "json_object" } },
            _ => throw new NotSupportedException($"Response format {options.ResponseFormat.GetType().Name}."),
        };
        var tools = options.Tools?.OfType<AIFunctionDeclaration>().ToList();
        if (options.Tools is { Count: > 0 } && tools!.Count != options.Tools.Count)
            throw new NotSupportedException("EzrouterChatClient sends function tools only (AIFunctionDeclaration).");
        if (tools is { Count: > 0 })
        {
            request.Tools = [.. tools.Select(t => new ChatCompletionTool
            {
                Type = "function",
                Function = new() { Name = t.Name, Description = string.IsNullOrEmpty(t.Description) ? null : t.Description, Parameters = UntypedJson.FromElement(t.JsonSchema) },
            })];
            request.ToolChoice = options.ToolMode switch
            {
                null or AutoChatToolMode => null,
                NoneChatToolMode => new() { String = "none" },
                RequiredChatToolMode { RequiredFunctionName: { } name } => new() { ChatCompletionNamedToolChoice = new() { Type = "function", Function = new() { Name = name } } },
                RequiredChatToolMode => new() { String = "required" },
                _ => throw new NotSupportedException($"Tool mode {options.ToolMode.GetType().Name}."),
            };
        }
        if (options.AdditionalProperties is { } extra)
            foreach (var (key, value) in extra) request.AdditionalData[key] = UntypedJson.FromValue(value);
    }
}
