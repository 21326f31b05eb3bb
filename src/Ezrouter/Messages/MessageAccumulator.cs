using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Kiota.Abstractions.Serialization;
using System.Text.Json;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Streaming;

namespace Ezrouter.Messages;

/// <summary>
/// Folds Anthropic stream events into the <c>Message</c> they add up to: text, thinking with its signature, tool
/// calls with their <c>input_json_delta</c>s joined and parsed, stop reason and usage. Usable on its own.
/// </summary>
public sealed class MessageAccumulator
{
    private readonly IndexedStates<BlockState> _blocks = new();
    private Message? _message;
    private string? _stopSequence;
    private readonly Usage _usage = new();

    /// <summary>How many events were added.</summary>
    public int EventCount { get; private set; }

    /// <summary>True once <c>message_stop</c> arrived.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>
    /// The text folded in so far, in characters (text, thinking, tool input JSON): what
    /// <see cref="EzrouterLimits.MaxAnswerChars"/> bounds.
    /// </summary>
    internal long AnswerLength { get; private set; }

    /// <summary>The stop reason, once <c>message_delta</c> carried it.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Adds one event.</summary>
    public void Add(MessageStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        EventCount++;
        if (streamEvent.MessageStartEvent?.Message is { } start)
        {
            _message = start;
            MergeUsage(start.Usage);
            if (start.Content is { Count: > 0 })
                for (var i = 0; i < start.Content.Count; i++) AnswerLength += (_blocks[i] = BlockState.From(start.Content[i])).Length;
        }
        else if (streamEvent.ContentBlockStartEvent is { } blockStart)
        {
            // GetValueOrDefault, not ??: Stryker's mutants of this ?? do not compile, and it then skips the whole method.
            AnswerLength += (_blocks[blockStart.Index.GetValueOrDefault(_blocks.Count)] = BlockState.From(blockStart.ContentBlock ?? new ContentBlock())).Length;
        }
        else if (streamEvent.ContentBlockDeltaEvent is { } blockDelta)
        {
            var index = blockDelta.Index ?? 0;
            if (!_blocks.TryGetValue(index, out var state)) _blocks[index] = state = BlockState.FromDelta(blockDelta.Delta);
            var before = state.Length;
            state.Apply(blockDelta.Delta);
            AnswerLength += state.Length - before;
        }
        else if (streamEvent.MessageDeltaEvent is { } messageDelta)
        {
            if (messageDelta.Delta?.StopReason is { } stop) StopReason = stop;
            if (messageDelta.Delta?.StopSequence is { } sequence) _stopSequence = sequence;
            if (messageDelta.Usage is { } usage)
            {
                _usage.OutputTokens = usage.OutputTokens ?? _usage.OutputTokens;
                _usage.InputTokens = usage.InputTokens ?? _usage.InputTokens;
                _usage.CacheCreationInputTokens = usage.CacheCreationInputTokens ?? _usage.CacheCreationInputTokens;
                _usage.CacheReadInputTokens = usage.CacheReadInputTokens ?? _usage.CacheReadInputTokens;
                _usage.CacheCreation = usage.CacheCreation ?? _usage.CacheCreation;
            }
        }
        else if (streamEvent.MessageStopEvent is not null)
        {
            IsComplete = true;
        }
    }

    private void MergeUsage(Usage? usage)
    {
        if (usage is null) return;
        _usage.InputTokens = usage.InputTokens ?? _usage.InputTokens;
        _usage.OutputTokens = usage.OutputTokens ?? _usage.OutputTokens;
        _usage.CacheCreationInputTokens = usage.CacheCreationInputTokens ?? _usage.CacheCreationInputTokens;
        _usage.CacheReadInputTokens = usage.CacheReadInputTokens ?? _usage.CacheReadInputTokens;
        _usage.CacheCreation = usage.CacheCreation ?? _usage.CacheCreation;
        _usage.ServiceTier = usage.ServiceTier ?? _usage.ServiceTier;
        foreach (var extra in usage.AdditionalData) _usage.AdditionalData[extra.Key] = extra.Value;
    }

    /// <summary>The message as it stands: complete after <c>message_stop</c>, partial before.</summary>
    public Message ToMessage()
    {
        var message = new Message
        {
            Id = _message?.Id,
            Type = _message?.Type ?? "message",
            Role = _message?.Role ?? "assistant",
            Model = _message?.Model,
            StopReason = StopReason ?? _message?.StopReason,
            StopSequence = _stopSequence ?? _message?.StopSequence,
            Usage = CopyUsage(_usage),
            Content = _blocks.Map((_, block) => block.ToBlock()),
        };
        if (_message is not null)
            foreach (var extra in _message.AdditionalData) message.AdditionalData[extra.Key] = extra.Value;
        return message;
    }

    private static Usage CopyUsage(Usage usage)
    {
        var copy = new Usage
        {
            InputTokens = usage.InputTokens,
            OutputTokens = usage.OutputTokens,
            CacheCreationInputTokens = usage.CacheCreationInputTokens,
            CacheReadInputTokens = usage.CacheReadInputTokens,
            CacheCreation = usage.CacheCreation,
            ServiceTier = usage.ServiceTier,
            ServerToolUse = usage.ServerToolUse,
        };
        foreach (var extra in usage.AdditionalData) copy.AdditionalData[extra.Key] = extra.Value;
        return copy;
    }

    private sealed class BlockState
    {
        private ContentBlock _block = new();
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _json = new();
        private readonly StringBuilder _thinking = new();
        private string? _signature;
        private readonly List<Microsoft.Kiota.Abstractions.Serialization.UntypedNode> _citations = [];

        /// <summary>The block's text so far, in characters.</summary>
        public long Length => _text.Length + _json.Length + _thinking.Length;

        public static BlockState From(ContentBlock block)
        {
            var state = new BlockState { _block = block };
            state._text.Append(block.TextBlock?.Text);
            state._thinking.Append(block.ThinkingBlock?.Thinking);
            state._signature = block.ThinkingBlock?.Signature;
            // Kiota types an array of free-form values as one UntypedNode (an UntypedArray).
            if (block.TextBlock?.Citations is UntypedArray citations) state._citations.AddRange(citations.GetValue());
            return state;
        }

        // A delta for a block whose start we never saw: infer the block from the delta.
        public static BlockState FromDelta(ContentBlockDelta? delta) => From(delta switch
        {
            { ThinkingDelta: not null } or { SignatureDelta: not null } => new ContentBlock { ThinkingBlock = new ThinkingBlock { Type = "thinking" } },
            { InputJsonDelta: not null } => new ContentBlock { ToolUseBlock = new ToolUseBlock { Type = "tool_use" } },
            _ => new ContentBlock { TextBlock = new TextBlock { Type = "text" } },
        });

        public void Apply(ContentBlockDelta? delta)
        {
            if (delta is null) return;
            if (delta.TextDelta?.Text is { } text) _text.Append(text);
            if (delta.InputJsonDelta?.PartialJson is { } json) _json.Append(json);
            if (delta.ThinkingDelta?.Thinking is { } thinking) _thinking.Append(thinking);
            if (delta.SignatureDelta?.Signature is { } signature) _signature = signature;
            if (delta.CitationsDelta?.Citation is { } citation) _citations.Add(citation);
        }

        // Builds new objects every time: the block from content_block_start was handed to the caller too, and a
        // snapshot (a partial result on an exception) must not change as more events arrive.
        public ContentBlock ToBlock()
        {
            if (_block.TextBlock is { } text)
            {
                return new ContentBlock
                {
                    TextBlock = Copy(text, new TextBlock
                    {
                        Type = text.Type, Text = _text.ToString(), CacheControl = text.CacheControl,
                        Citations = _citations.Count > 0 ? new UntypedArray(_citations.ToList()) : text.Citations,
                    }),
                };
            }
            if (_block.ThinkingBlock is { } thinking)
                return new ContentBlock { ThinkingBlock = Copy(thinking, new ThinkingBlock { Type = thinking.Type, Thinking = _thinking.ToString(), Signature = _signature }) };
            if (_block.ToolUseBlock is { } tool)
            {
                return new ContentBlock
                {
                    ToolUseBlock = Copy(tool, new ToolUseBlock
                    {
                        Type = tool.Type, Id = tool.Id, Name = tool.Name, CacheControl = tool.CacheControl,
                        Input = _json.Length > 0 ? ParseInput(_json.ToString()) : tool.Input,
                    }),
                };
            }
            // Other blocks (redacted thinking, unmodelled types) have no deltas: the start event's block is whole.
            return _block;
        }

        private static T Copy<T>(Microsoft.Kiota.Abstractions.Serialization.IAdditionalDataHolder from, T to)
            where T : Microsoft.Kiota.Abstractions.Serialization.IAdditionalDataHolder
        {
            foreach (var extra in from.AdditionalData) to.AdditionalData[extra.Key] = extra.Value;
            return to;
        }

        private static Microsoft.Kiota.Abstractions.Serialization.UntypedNode? ParseInput(string json)
        {
            try
            {
                // A lone surrogate escape would make the parser throw (InvalidOperationException): kept as U+FFFD.
                return KiotaJson.ParseUntyped(Encoding.UTF8.GetBytes(LoneSurrogates.Replace(json)));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // A cut stream leaves partial JSON; keep the text so nothing is lost.
                return new Microsoft.Kiota.Abstractions.Serialization.UntypedString(json);
            }
        }
    }
}
