using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.Anthropic.Readers;
using Ezrouter.Messages;
using Ezrouter.Http;

namespace Ezrouter.Streaming;

/// <summary>
/// Reads an Anthropic messages SSE body event by event into a <see cref="MessageAccumulator"/>, and decides how it
/// ended: completed (<c>message_stop</c>), a typed error (<c>event: error</c>, or an error JSON written without
/// <c>data:</c>), or truncated. <c>ping</c> and event types this SDK does not model are read and skipped.
/// </summary>
internal sealed class MessageStreamReader : SseEventReader<MessageStreamEvent, MessageStreamReader.Frame>
{
    public MessageStreamReader(Stream body, CallScope context, MessageAccumulator? accumulator = null)
        : base(body, static (_, data) => Frame.Parse(data), context)
    {
        Accumulator = accumulator ?? new MessageAccumulator();
    }

    public MessageAccumulator Accumulator { get; }

    /// <summary>Events read but not modelled (unknown types), skipped.</summary>
    public int SkippedEvents { get; private set; }

    /// <summary>Over once the stream failed, or once <c>message_stop</c> has been read (then completed).</summary>
    private protected override bool IsOver()
    {
        if (Outcome == StreamOutcome.Pending && !Accumulator.IsComplete) return false;
        if (Accumulator.IsComplete) Outcome = StreamOutcome.Completed;
        return true;
    }

    /// <summary>Events read so far, counting from 1: errors name the event they are about.</summary>
    private int Events { get; set; }

    private protected override bool Step(bool moved, out MessageStreamEvent? streamEvent)
    {
        if (moved) Events++;
        streamEvent = null;
        if (!moved)
        {
            EndOfBody(Accumulator.IsComplete, "message_stop", Accumulator.EventCount);
            return true;
        }
        var frame = Source.Current.Data;
        if (frame.Malformed is { } raw)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterProtocolException(Context.Details($"stream event {Events} is malformed ({frame.Problem}): {Context.Excerpt(raw)}")), Partial);
        }
        var read = frame.Event!;
        if (read.ErrorEvent is not null)
        {
            Outcome = StreamOutcome.Error;
            var details = (frame.ErrorData is { } data ? Context.ReadError(data) : null) ?? Context.Details("the stream sent an error event");
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

    /// <summary>Reads to the end and returns the whole message.</summary>
    public async ValueTask<Message> AggregateAsync()
    {
        while (await ReadAsync().ConfigureAwait(false) is not null) { }
        return Accumulator.ToMessage();
    }

    private protected override Message? Partial() => Accumulator.EventCount == 0 ? null : Accumulator.ToMessage();


    internal readonly struct Frame
    {
        public MessageStreamEvent? Event { get; private init; }
        public byte[]? ErrorData { get; private init; }
        public string? Malformed { get; private init; }
        public string? Problem { get; private init; }
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
                return new Frame { Malformed = Encoding.UTF8.GetString(data.Length > 1000 ? data[..1000] : data), Problem = StreamErrors.Describe(e, data) };
            }
        }
    }
}
