using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Ezrouter.Generated.OpenAi.Models;

using Ezrouter.Streaming;

namespace Ezrouter.Responses;

/// <summary>
/// Folds Responses API stream events into the <see cref="ModelResponse"/> they add up to. The terminal event
/// (<c>response.completed</c>, <c>response.incomplete</c>, <c>response.failed</c>) carries the whole response and is
/// taken as it is; until then, or when its <c>output</c> is empty, the response is built from the items, parts and
/// deltas seen. Usable on its own.
/// </summary>
public sealed class ResponseAccumulator
{
    private readonly IndexedStates<ItemState> _items = new();
    private ModelResponse? _head;
    private ModelResponse? _final;

    /// <summary>How many events were added.</summary>
    public int EventCount { get; private set; }

    /// <summary>True once a terminal event (<c>response.completed</c>, <c>response.incomplete</c> or <c>response.failed</c>) arrived.</summary>
    public bool IsComplete => _final is not null;

    /// <summary>The status the last lifecycle event reported (<c>in_progress</c>, <c>completed</c>, <c>incomplete</c>, <c>failed</c>).</summary>
    public string? Status => _final?.Status ?? _head?.Status;

    /// <summary>The text folded in so far, in characters (output text and function arguments): what <see cref="EzrouterLimits.MaxAnswerChars"/> bounds.</summary>
    internal long AnswerLength { get; private set; }

    /// <summary>Adds one event; event types this SDK does not fold (reasoning deltas and others) are counted and otherwise ignored.</summary>
    public void Add(ResponseStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        EventCount++;
        switch (streamEvent.Type)
        {
            case "response.created" or "response.in_progress" or "response.queued":
                if (streamEvent.Response is { } head) _head = head;
                break;
            case "response.completed" or "response.incomplete" or "response.failed":
                _final = streamEvent.Response ?? new ModelResponse { Status = streamEvent.Type["response.".Length..] };
                break;
            case "response.output_item.added" or "response.output_item.done":
                if (streamEvent.Item is { } item) Item(streamEvent).Take(item, whole: streamEvent.Type.EndsWith(".done", StringComparison.Ordinal));
                break;
            case "response.content_part.added" or "response.content_part.done":
                if (streamEvent.Part is { } part) Item(streamEvent).Part(streamEvent.ContentIndex).Take(part);
                break;
            case "response.output_text.delta":
                Grow(Item(streamEvent).Part(streamEvent.ContentIndex).Text, streamEvent.Delta);
                break;
            case "response.output_text.done":
                if (streamEvent.Text is { } text) Replace(Item(streamEvent).Part(streamEvent.ContentIndex).Text, text);
                break;
            case "response.function_call_arguments.delta":
                Grow(Item(streamEvent).Arguments, streamEvent.Delta);
                break;
            case "response.function_call_arguments.done":
                if (streamEvent.Arguments is { } arguments) Replace(Item(streamEvent).Arguments, arguments);
                break;
        }
    }

    private void Grow(StringBuilder into, string? delta)
    {
        if (delta is null) return;
        into.Append(delta);
        AnswerLength += delta.Length;
    }

    private void Replace(StringBuilder into, string whole)
    {
        AnswerLength += whole.Length - into.Length;
        into.Clear().Append(whole);
    }

    // An event names its item by output_index; one without it (a gateway that leaves it out) means the last item.
    private ItemState Item(ResponseStreamEvent streamEvent)
    {
        var index = streamEvent.OutputIndex ?? (_items.Count == 0 ? 0 : _items.MaxIndex);
        if (!_items.TryGetValue(index, out var state)) _items[index] = state = new ItemState(streamEvent.ItemId, this);
        return state;
    }

    /// <summary>
    /// The response as it stands: the terminal event's response when it carries its output, else the latest
    /// lifecycle response with the output built from the events. A new object each time.
    /// </summary>
    public ModelResponse ToResponse()
    {
        var from = _final ?? _head;
        var response = new ModelResponse
        {
            Id = from?.Id ?? _head?.Id,
            Object = from?.Object ?? "response",
            CreatedAt = from?.CreatedAt ?? _head?.CreatedAt,
            Status = from?.Status,
            Model = from?.Model ?? _head?.Model,
            Usage = from?.Usage,
            Error = from?.Error,
            IncompleteDetails = from?.IncompleteDetails,
            Instructions = from?.Instructions,
            MaxOutputTokens = from?.MaxOutputTokens,
            Temperature = from?.Temperature,
            TopP = from?.TopP,
            PreviousResponseId = from?.PreviousResponseId,
            Metadata = from?.Metadata,
            Output = _final?.Output is { Count: > 0 } whole ? whole.ToList() : _items.Map((_, item) => item.ToItem()),
        };
        if (from is not null)
            foreach (var extra in from.AdditionalData) response.AdditionalData[extra.Key] = extra.Value;
        return response;
    }

    // Every text an event replaces goes through the accumulator's Replace, so AnswerLength (the MaxAnswerChars bound)
    // counts what .done events bring as well as the deltas.
    private sealed class ItemState(string? id, ResponseAccumulator owner)
    {
        private ResponseOutputItem _item = new() { Id = id };
        private readonly IndexedStates<PartState> _parts = new();

        public StringBuilder Arguments { get; } = new();

        // output_item.done carries the item whole: its parts and arguments replace what the deltas built.
        public void Take(ResponseOutputItem item, bool whole)
        {
            _item = item;
            if (whole && item.Arguments is { } arguments) owner.Replace(Arguments, arguments);
            if (whole && item.Content is { Count: > 0 } content)
                for (var i = 0; i < content.Count; i++) Part(i).Take(content[i]);
        }

        public PartState Part(int? index)
        {
            var at = index ?? (_parts.Count == 0 ? 0 : _parts.MaxIndex);
            if (!_parts.TryGetValue(at, out var part)) _parts[at] = part = new PartState(owner);
            return part;
        }

        public ResponseOutputItem ToItem()
        {
            var item = new ResponseOutputItem
            {
                Type = _item.Type ?? (_parts.Count > 0 ? "message" : Arguments.Length > 0 ? "function_call" : null),
                Id = _item.Id, Status = _item.Status, Role = _item.Role, CallId = _item.CallId, Name = _item.Name,
                Summary = _item.Summary, EncryptedContent = _item.EncryptedContent,
                Arguments = Arguments.Length > 0 ? Arguments.ToString() : _item.Arguments,
                Content = _parts.Count > 0 ? _parts.Map((_, part) => part.ToPart()) : _item.Content,
            };
            foreach (var extra in _item.AdditionalData) item.AdditionalData[extra.Key] = extra.Value;
            return item;
        }
    }

    private sealed class PartState(ResponseAccumulator owner)
    {
        private ResponseOutputContent _part = new() { Type = "output_text" };

        public StringBuilder Text { get; } = new();

        public void Take(ResponseOutputContent part)
        {
            _part = part;
            // content_part.added carries an empty text; .done the whole one.
            if (!string.IsNullOrEmpty(part.Text)) owner.Replace(Text, part.Text);
        }

        public ResponseOutputContent ToPart()
        {
            var part = new ResponseOutputContent { Type = _part.Type, Text = Text.ToString(), Annotations = _part.Annotations, Refusal = _part.Refusal };
            foreach (var extra in _part.AdditionalData) part.AdditionalData[extra.Key] = extra.Value;
            return part;
        }
    }
}
