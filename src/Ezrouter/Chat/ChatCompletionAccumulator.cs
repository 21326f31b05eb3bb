using System.Collections.Generic;
using System.Linq;
using System.Text;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;

namespace Ezrouter.Chat;

/// <summary>
/// Folds <c>chat.completion.chunk</c>s into the <c>chat.completion</c> they add up to: content and
/// <c>reasoning_content</c> concatenated, tool calls assembled by id, finish reason, and the usage of the final
/// usage-only chunk. Usable on its own: feed it chunks from any source.
/// </summary>
public sealed class ChatCompletionAccumulator
{
    private readonly IndexedStates<ChoiceState> _choices = new();
    private string? _id;
    private string? _model;
    private long? _created;
    private string? _systemFingerprint;
    private CompletionUsage? _usage;

    /// <summary>How many chunks were added.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>True once any choice has a finish reason.</summary>
    public bool HasFinishReason => _choices.Any(c => c.FinishReason is not null);

    /// <summary>
    /// The text folded in so far, in characters (content, reasoning, refusal, tool names and arguments): what
    /// <see cref="EzrouterLimits.MaxAnswerChars"/> bounds.
    /// </summary>
    internal long AnswerLength { get; private set; }

    /// <summary>The usage reported so far (the gateway sends it on a final chunk with no choices).</summary>
    public CompletionUsage? Usage => _usage;

    /// <summary>Adds one chunk.</summary>
    public void Add(CreateChatCompletionStreamResponse chunk)
    {
        ChunkCount++;
        _id ??= chunk.Id;
        _model ??= chunk.Model;
        _created ??= chunk.Created;
        _systemFingerprint ??= chunk.SystemFingerprint;
        if (chunk.Usage is not null) _usage = chunk.Usage;
        if (chunk.Choices is null) return;
        foreach (var choice in chunk.Choices)
        {
            var index = choice.Index ?? 0;
            if (!_choices.TryGetValue(index, out var state)) _choices[index] = state = new ChoiceState();
            AnswerLength += state.Add(choice);
        }
    }

    /// <summary>The completion as it stands: complete after the last chunk, partial before.</summary>
    public CreateChatCompletionResponse ToCompletion() => new()
    {
        Id = _id,
        Object = "chat.completion",
        Created = _created,
        Model = _model,
        SystemFingerprint = _systemFingerprint,
        Usage = _usage,
        Choices = _choices.Map((index, choice) => choice.ToChoice(index)),
    };

    private sealed class ChoiceState
    {
        // Created on first use: most choices carry content only.
        private readonly StringBuilder _content = new();
        private StringBuilder? _reasoning;
        private StringBuilder? _refusal;
        private readonly List<ToolCallState> _toolCalls = [];
        private Dictionary<int, ToolCallState>? _lastByIndex;
        private bool _hasContent;
        private string? _role;

        public string? FinishReason { get; private set; }

        /// <summary>Folds a choice in; returns how many characters of text it added.</summary>
        public long Add(ChatCompletionStreamChoice choice)
        {
            if (choice.FinishReason is { } finish) FinishReason = finish;
            if (choice.Delta is not { } delta) return 0;
            _role ??= delta.Role;
            long added = 0;
            if (delta.Content is { } content)
            {
                _content.Append(content);
                _hasContent = true;
                added += content.Length;
            }
            if (delta.ReasoningContent is { } reasoning)
            {
                (_reasoning ??= new StringBuilder()).Append(reasoning);
                added += reasoning.Length;
            }
            if (delta.Refusal is { } refusal)
            {
                (_refusal ??= new StringBuilder()).Append(refusal);
                added += refusal.Length;
            }
            if (delta.ToolCalls is null) return added;
            _lastByIndex ??= new Dictionary<int, ToolCallState>();
            foreach (var call in delta.ToolCalls)
            {
                // Gateway: for claude models the index is the Anthropic block index − 1, floored at 0, so it can start
                // at 1 or collide (docs/gateway-behavior.md §9). A chunk with an id starts a call; one without an id
                // continues the call that last used its index.
                var index = call.Index ?? 0;
                ToolCallState? state = null;
                if (call.Id is { Length: > 0 } id)
                {
                    state = FindCall(id);
                    if (state is null) _toolCalls.Add(state = new ToolCallState { Id = id });
                    _lastByIndex[index] = state;
                }
                else if (!_lastByIndex.TryGetValue(index, out state))
                {
                    _toolCalls.Add(state = new ToolCallState());
                    _lastByIndex[index] = state;
                }
                state.Type ??= call.Type;
                if (call.Function?.Name is { Length: > 0 } name)
                {
                    state.Name = name;
                    added += name.Length;
                }
                if (call.Function?.Arguments is { } arguments)
                {
                    state.Arguments.Append(arguments);
                    added += arguments.Length;
                }
            }
            return added;
        }

        // A loop, not FirstOrDefault with a lambda: the lambda's capture of the id was a closure allocated for every
        // chunk's tool call, id or not.
        private ToolCallState? FindCall(string id)
        {
            foreach (var call in _toolCalls)
                if (call.Id == id) return call;
            return null;
        }

        public ChatCompletionChoice ToChoice(int index) => new()
        {
            Index = index,
            FinishReason = FinishReason,
            Message = new ChatCompletionResponseMessage
            {
                Role = _role ?? "assistant",
                Content = _hasContent ? _content.ToString() : null,
                ReasoningContent = _reasoning is { Length: > 0 } ? _reasoning.ToString() : null,
                Refusal = _refusal is { Length: > 0 } ? _refusal.ToString() : null,
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls.Select(t => new ChatCompletionMessageToolCall
                {
                    Id = t.Id,
                    Type = t.Type ?? "function",
                    Function = new ChatCompletionMessageToolCallFunction { Name = t.Name, Arguments = LoneSurrogates.Replace(t.Arguments.ToString()) },
                }).ToList(),
            },
        };
    }

    private sealed class ToolCallState
    {
        public string? Id { get; init; }
        public string? Type { get; set; }
        public string? Name { get; set; }
        public StringBuilder Arguments { get; } = new();
    }
}
