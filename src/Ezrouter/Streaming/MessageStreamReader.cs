using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.Anthropic.Readers;
using Ezrouter.Messages;

namespace Ezrouter;

/// <summary>
/// Reads an Anthropic messages SSE body event by event into a <see cref="MessageAccumulator"/>, and decides how it
/// ended: completed (<c>message_stop</c>), a typed error (<c>event: error</c>, or an error JSON written without
/// <c>data:</c>), or truncated. <c>ping</c> and event types this SDK does not model are read and skipped.
/// </summary>
internal sealed class MessageStreamReader : IEventReader<MessageStreamEvent>
{
    private readonly SseEventSource<Frame> _source;
    private readonly StreamContext _context;

    public MessageStreamReader(Stream body, StreamContext context, MessageAccumulator? accumulator = null)
    {
        _context = context;
        Accumulator = accumulator ?? new MessageAccumulator();
        _source = new SseEventSource<Frame>(body, (_, data) => Frame.Parse(data), Partial, context);
    }

    public MessageAccumulator Accumulator { get; }

    public StreamOutcome Outcome { get; private set; }

    /// <summary>Events read but not modelled (unknown types), skipped.</summary>
    public int SkippedEvents { get; private set; }

    /// <summary>The next event, or null after <c>message_stop</c>; throws the typed error or truncation otherwise.</summary>
    public ValueTask<MessageStreamEvent?> ReadAsync()
    {
        if (Outcome != StreamOutcome.Pending || Accumulator.IsComplete)
        {
            Outcome = Accumulator.IsComplete ? StreamOutcome.Completed : Outcome;
            return default;
        }
        // Synchronous while events are already buffered; a state machine only when the body has to be waited for.
        while (true)
        {
            var moved = _source.MoveNextAsync();
            if (!moved.IsCompletedSuccessfully) return ReadAfterWaitAsync(moved);
            if (Step(moved.Result, out var streamEvent)) return new(streamEvent);
        }
    }

    private async ValueTask<MessageStreamEvent?> ReadAfterWaitAsync(ValueTask<bool> moved)
    {
        while (true)
        {
            if (Step(await moved.ConfigureAwait(false), out var streamEvent)) return streamEvent;
            moved = _source.MoveNextAsync();
        }
    }

    /// <summary>Takes one event, or the end of the body: true when the read is over, with the event (null once completed).</summary>
    private bool Step(bool moved, out MessageStreamEvent? streamEvent)
    {
        streamEvent = null;
        if (!moved)
        {
            Finish();
            return true;
        }
        var frame = _source.Current.Data;
        if (frame.Malformed is { } raw)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterProtocolException(_context.Details($"malformed stream event (not JSON): {_context.Excerpt(raw)}")), Partial);
        }
        var read = frame.Event!;
        if (read.ErrorEvent is not null)
        {
            Outcome = StreamOutcome.Error;
            var details = (frame.ErrorData is { } data ? _context.ReadError(data) : null) ?? _context.Details("the stream sent an error event");
            throw StreamErrors.Fail(new EzrouterStreamException(details), Partial);
        }
        if (read.PingEvent is not null || frame.IsUnknown)
        {
            if (frame.IsUnknown) SkippedEvents++;
            return false;
        }
        Accumulator.Add(read);
        streamEvent = read;
        return true;
    }

    /// <summary>The body ended: completed after <c>message_stop</c>; otherwise throws the error found in the tail, or a truncation.</summary>
    private void Finish()
    {
        if (Accumulator.IsComplete)
        {
            Outcome = StreamOutcome.Completed;
            return;
        }
        if (StreamErrors.FindInTail(_source.Tail, _context) is { } tailError)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterStreamException(tailError), Partial);
        }
        Outcome = StreamOutcome.Truncated;
        throw StreamErrors.Fail(new EzrouterStreamTruncatedException(_context.Details($"the stream closed before message_stop after {Accumulator.EventCount} events")), Partial);
    }

    /// <summary>Reads to the end and returns the whole message.</summary>
    public async ValueTask<Message> AggregateAsync()
    {
        while (await ReadAsync().ConfigureAwait(false) is not null) { }
        return Accumulator.ToMessage();
    }

    private Message? Partial() => Accumulator.EventCount == 0 ? null : Accumulator.ToMessage();

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private readonly struct Frame
    {
        public MessageStreamEvent? Event { get; private init; }
        public byte[]? ErrorData { get; private init; }
        public string? Malformed { get; private init; }
        public bool IsUnknown { get; private init; }

        public static Frame Parse(ReadOnlySpan<byte> data)
        {
            try
            {
                var streamEvent = MessageStreamEventReader.Read(data);
                var unknown = streamEvent.MessageStartEvent is null && streamEvent.ContentBlockStartEvent is null &&
                    streamEvent.ContentBlockDeltaEvent is null && streamEvent.ContentBlockStopEvent is null &&
                    streamEvent.MessageDeltaEvent is null && streamEvent.MessageStopEvent is null &&
                    streamEvent.PingEvent is null && streamEvent.ErrorEvent is null;
                return new Frame { Event = streamEvent, ErrorData = streamEvent.ErrorEvent is null ? null : data.ToArray(), IsUnknown = unknown };
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return new Frame { Malformed = Encoding.UTF8.GetString(data.Length > 1000 ? data[..1000] : data) };
            }
        }
    }
}
