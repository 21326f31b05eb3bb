using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Extensions.AI.Json;
using Ezrouter.Extensions.AI.OpenAi;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Messages;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.Anthropic;

/// <summary>Messages (whole and streamed) as M.E.AI responses.</summary>
internal static class MessageResponseMapper
{
    public static ChatResponse ToResponse(Message message)
    {
        var answer = new ChatMessage(ChatRole.Assistant, []) { MessageId = message.Id, RawRepresentation = message };
        foreach (var block in message.Content ?? [])
            if (ToContent(block) is { } content) answer.Contents.Add(content);
        return new ChatResponse(answer)
        {
            ResponseId = message.Id,
            ModelId = message.Model,
            FinishReason = FinishReason(message.StopReason),
            Usage = message.Usage is { } usage ? UsageMapping.ToUsageDetails(EzrouterUsage.From(usage)) : null,
            RawRepresentation = message,
        };
    }

    private static AIContent? ToContent(ContentBlock block) => block switch
    {
        { ThinkingBlock: { } thinking } => new TextReasoningContent(thinking.Thinking ?? "") { ProtectedData = thinking.Signature, RawRepresentation = block },
        { RedactedThinkingBlock: { } redacted } => Redacted(redacted.Data, block),
        { TextBlock: { } text } => new TextContent(text.Text ?? "") { RawRepresentation = block },
        { ToolUseBlock: { } use } => Call(use, block),
        _ => null,
    };

    private static TextReasoningContent Redacted(string? data, object raw) => new("")
    {
        ProtectedData = data,
        RawRepresentation = raw,
        AdditionalProperties = new() { [MessageRequestMapper.RedactedThinkingKey] = true },
    };

    private static FunctionCallContent Call(ToolUseBlock use, object raw)
    {
        var call = ChatResponseMapper.Call(use.Id, use.Name, UntypedJson.ToJson(use.Input));
        call.RawRepresentation = raw;
        return call;
    }

    /// <summary>
    /// Events as updates: text and thinking as they arrive; a thinking block's signature when the block ends (as a
    /// reasoning item carrying it in <c>ProtectedData</c>, which M.E.AI merges into the thinking before it); a tool call
    /// whole when its block ends, from the stream's accumulator; the stop reason; usage once, at the end.
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> ToUpdatesAsync(MessageStream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? id = null, model = null;
        var blocks = new Dictionary<int, OpenBlock>();
        await foreach (var streamEvent in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var update = new ChatResponseUpdate { Role = ChatRole.Assistant, RawRepresentation = streamEvent };
            switch (streamEvent)
            {
                case { MessageStartEvent.Message: { } start }:
                    id = start.Id;
                    model = start.Model;
                    break;
                case { ContentBlockStartEvent: { ContentBlock: { } block } blockStart }:
                    var open = new OpenBlock(block);
                    blocks[blockStart.Index ?? blocks.Count] = open;
                    if (block.TextBlock?.Text is { Length: > 0 } initialText) update.Contents.Add(new TextContent(initialText));
                    if (block.ThinkingBlock?.Thinking is { Length: > 0 } initialThinking) update.Contents.Add(new TextReasoningContent(initialThinking));
                    open.Signature.Append(block.ThinkingBlock?.Signature);
                    break;
                case { ContentBlockDeltaEvent: { Delta: { } delta } blockDelta }:
                    if (delta.TextDelta?.Text is { Length: > 0 } text) update.Contents.Add(new TextContent(text));
                    if (delta.ThinkingDelta?.Thinking is { Length: > 0 } thinking) update.Contents.Add(new TextReasoningContent(thinking));
                    if (delta.SignatureDelta?.Signature is { } signature && blocks.TryGetValue(blockDelta.Index ?? 0, out var signed)) signed.Signature.Append(signature);
                    break;
                case { ContentBlockStopEvent: { } blockStop }:
                    if (blocks.Remove(blockStop.Index ?? 0, out var ended) && Ended(stream, ended) is { } content) update.Contents.Add(content);
                    break;
                case { MessageDeltaEvent: { } messageDelta }:
                    update.FinishReason = FinishReason(messageDelta.Delta?.StopReason);
                    break;
            }
            update.ResponseId = id;
            update.MessageId = id;
            update.ModelId = model;
            yield return update;
        }
        var last = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = id, MessageId = id, ModelId = model };
        if (stream.Accumulator.ToMessage().Usage is { } usage) last.Contents.Add(new UsageContent(UsageMapping.ToUsageDetails(EzrouterUsage.From(usage))));
        yield return last;
    }

    private static AIContent? Ended(MessageStream stream, OpenBlock block) => block.Start switch
    {
        { ThinkingBlock: not null } when block.Signature.Length > 0 => new TextReasoningContent("") { ProtectedData = block.Signature.ToString() },
        { RedactedThinkingBlock: { } redacted } => Redacted(redacted.Data, block.Start),
        // The accumulator has put the input's JSON fragments together.
        { ToolUseBlock: { } use } => stream.Accumulator.ToMessage().Content?.Select(b => b.ToolUseBlock).FirstOrDefault(b => b?.Id == use.Id) is { } whole ? Call(whole, whole) : null,
        _ => null,
    };

    internal static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null => null,
        "end_turn" or "stop_sequence" or "pause_turn" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    private sealed class OpenBlock(ContentBlock start)
    {
        public ContentBlock Start { get; } = start;
        public StringBuilder Signature { get; } = new();
    }
}
