using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Chat;
using Ezrouter.Extensions.AI.Json;
using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.OpenAi;

/// <summary>Chat completions (whole and streamed) as M.E.AI responses.</summary>
internal static class ChatResponseMapper
{
    public static ChatResponse ToResponse(CreateChatCompletionResponse completion)
    {
        var message = new ChatMessage(ChatRole.Assistant, []) { MessageId = completion.Id, RawRepresentation = completion };
        ChatFinishReason? finish = null;
        if (completion.Choices is { Count: > 0 } choices && choices[0] is { } choice)
        {
            finish = FinishReason(choice.FinishReason);
            if (choice.Message is { } answer)
            {
                if (!string.IsNullOrEmpty(answer.ReasoningContent)) message.Contents.Add(new TextReasoningContent(answer.ReasoningContent));
                if (!string.IsNullOrEmpty(answer.Content)) message.Contents.Add(new TextContent(answer.Content));
                if (!string.IsNullOrEmpty(answer.Refusal)) message.Contents.Add(new TextContent(answer.Refusal));
                foreach (var call in answer.ToolCalls ?? [])
                    message.Contents.Add(Call(call.Id, call.Function?.Name, call.Function?.Arguments));
            }
        }
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = Created(completion.Created),
            FinishReason = finish,
            Usage = completion.Usage is { } usage ? UsageMapping.ToUsageDetails(EzrouterUsage.From(usage)) : null,
            RawRepresentation = completion,
        };
    }

    /// <summary>
    /// Chunks as updates: text and reasoning as they arrive; tool calls whole, from the stream's accumulator (which
    /// assembles the gateway's split and re-indexed call fragments) once the finish reason arrives or the stream ends,
    /// as function invocation needs them; usage once, at the end, from the accumulator.
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> ToUpdatesAsync(ChatCompletionStream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? id = null, model = null;
        DateTimeOffset? created = null;
        var callsSent = false;
        await foreach (var chunk in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            id ??= chunk.Id;
            model ??= chunk.Model;
            created ??= Created(chunk.Created);
            var update = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = id, MessageId = id, ModelId = chunk.Model ?? model, CreatedAt = created, RawRepresentation = chunk };
            if (chunk.Choices is { Count: > 0 } choices && choices[0] is { } choice)
            {
                if (choice.Delta is { } delta)
                {
                    // DeepSeek-style upstreams say reasoning_content, others reasoning.
                    if ((delta.ReasoningContent ?? delta.Reasoning) is { Length: > 0 } reasoning) update.Contents.Add(new TextReasoningContent(reasoning));
                    if (!string.IsNullOrEmpty(delta.Content)) update.Contents.Add(new TextContent(delta.Content));
                    if (!string.IsNullOrEmpty(delta.Refusal)) update.Contents.Add(new TextContent(delta.Refusal));
                }
                if (choice.FinishReason is { } reason)
                {
                    update.FinishReason = FinishReason(reason);
                    if (!callsSent) callsSent = AddCalls(stream, update);
                }
            }
            yield return update;
        }
        var last = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = id, MessageId = id, ModelId = model, CreatedAt = created };
        // A stream that ended without a finish reason still hands over the calls it completed.
        if (!callsSent) AddCalls(stream, last);
        if (stream.Accumulator.Usage is { } usage) last.Contents.Add(new UsageContent(UsageMapping.ToUsageDetails(EzrouterUsage.From(usage))));
        if (last.Contents.Count > 0) yield return last;
    }

    private static bool AddCalls(ChatCompletionStream stream, ChatResponseUpdate update)
    {
        var completion = stream.Accumulator.ToCompletion();
        if (completion.Choices is not { Count: > 0 } choices || choices[0].Message?.ToolCalls is not { Count: > 0 } calls) return false;
        foreach (var call in calls) update.Contents.Add(Call(call.Id, call.Function?.Name, call.Function?.Arguments));
        return true;
    }

    internal static FunctionCallContent Call(string? id, string? name, string? arguments) =>
        // Arguments that do not parse are kept as the call's exception, as M.E.AI does: function invocation reports it
        // to the model instead of failing the loop.
        FunctionCallContent.CreateFromParsedArguments(arguments ?? "", id ?? "", name ?? "",
            static json => UntypedJson.ToArguments(json) ?? throw new FormatException("Tool arguments are not a JSON object."));

    internal static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    private static DateTimeOffset? Created(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
