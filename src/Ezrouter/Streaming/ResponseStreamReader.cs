using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Generated.OpenAi.Readers;
using Ezrouter.Http;
using Ezrouter.Responses;

namespace Ezrouter.Streaming;

/// <summary>
/// Reads a Responses API SSE body (<c>event: &lt;type&gt;</c>, <c>data: &lt;json&gt;</c>) event by event into a
/// <see cref="ResponseAccumulator"/>, and decides how it ended (docs/gateway-behavior.md §22): completed
/// (<c>response.completed</c> or <c>response.incomplete</c>), a failed response (<c>response.failed</c>, typed by
/// <see cref="ResponseFailure"/> as a JSON one is), an error in the stream (an <c>error</c> event, or an error JSON
/// written without <c>data:</c>: <see cref="EzrouterStreamException"/>), or truncated (the body ended before a
/// terminal event).
/// Every other event, modelled or not, is handed on. Shared by the streaming API and by the SSE aggregation.
/// </summary>
internal sealed class ResponseStreamReader : SseEventReader<ResponseStreamEvent, ResponseStreamReader.Frame>
{
    public ResponseStreamReader(Stream body, CallScope context, ResponseAccumulator? accumulator = null)
        : base(body, static (eventType, data) => Frame.Parse(eventType, data), context)
    {
        Accumulator = accumulator ?? new ResponseAccumulator();
    }

    public ResponseAccumulator Accumulator { get; }

    /// <summary>Events read so far, counting from 1: errors name the event they are about.</summary>
    private int Events { get; set; }

    private protected override bool Step(bool moved, out ResponseStreamEvent? streamEvent)
    {
        streamEvent = null;
        if (!moved)
        {
            EndOfBody(Accumulator.IsComplete, "response.completed", Accumulator.EventCount);
            return true;
        }
        Events++;
        var frame = Source.Current.Data;
        if (frame.IsDone) return false;
        if (frame.Malformed is { } raw)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterProtocolException(Context.Details($"stream event {Events} is malformed ({frame.Problem}): {Context.Excerpt(raw)}")), Partial);
        }
        var read = frame.Event!;
        if (read.Type == "error")
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterStreamException(ErrorOf(read.Code, read.Message, read.Param, "error", frame.Data!)), Partial);
        }
        Accumulator.Add(read);
        if (read.Type == ResponseFailure.ErrorType)
        {
            // A failed response is raised by the same rule whether it came whole as JSON or as this event (§22).
            Outcome = StreamOutcome.Error;
            var metadata = Context.Details(string.Empty) with { RawBody = ErrorBodyReader.RawText(frame.Data, Context.Secret) };
            throw ResponseFailure.Create(metadata, read.Response?.Error, Partial(), Context.Secret);
        }
        // response.completed and response.incomplete end the stream: IsOver stops the reading after this event.
        if (Accumulator.IsComplete) Outcome = StreamOutcome.Completed;
        streamEvent = read;
        return true;
    }

    /// <summary>An error event's fields, or an error envelope in its data (some relays nest it), as typed details.</summary>
    private EzrouterErrorDetails ErrorOf(string? code, string? message, string? param, string eventType, byte[] data)
    {
        if (code is null && message is null && Context.ReadError(data) is { } nested) return nested;
        var summary = $"the stream ended with {eventType}" + (code is null ? string.Empty : $" ({code})");
        return (Context.Details(summary) with
        {
            Taxonomy = ErrorTaxonomy.Upstream,
            ErrorType = eventType,
            ErrorCode = code,
            Param = param,
            GatewayMessage = message,
            RawBody = Encoding.UTF8.GetString(data),
        }).Redacted(Context.Secret);
    }

    /// <summary>Reads to the end and returns the whole response.</summary>
    public async ValueTask<ModelResponse> AggregateAsync()
    {
        while (await ReadAsync().ConfigureAwait(false) is not null) { }
        return Accumulator.ToResponse();
    }

    private protected override ModelResponse? Partial() => Accumulator.EventCount == 0 ? null : Accumulator.ToResponse();

    /// <summary>One SSE event's data, parsed where the parser hands us its bytes.</summary>
    internal readonly struct Frame
    {
        private static readonly Frame Done = new() { IsDone = true };

        public bool IsDone { get; private init; }
        public ResponseStreamEvent? Event { get; private init; }
        public byte[]? Data { get; private init; }
        public string? Malformed { get; private init; }
        public string? Problem { get; private init; }

        public static Frame Parse(string eventType, ReadOnlySpan<byte> data)
        {
            // Not sent on this endpoint, but a relay that appends chat's end marker is no reason to fail.
            if (data.SequenceEqual("[DONE]"u8)) return Done;
            try
            {
                var streamEvent = ResponseStreamEventReader.Read(data);
                // The event name stands in for a type the data left out (the SSE default name is "message").
                if (streamEvent.Type is null && eventType != "message") streamEvent.Type = eventType;
                var failing = streamEvent.Type is "error" or "response.failed";
                return new Frame { Event = streamEvent, Data = failing ? data.ToArray() : null };
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return new Frame { Malformed = Encoding.UTF8.GetString(data.Length > 1000 ? data[..1000] : data), Problem = StreamErrors.Describe(e, data) };
            }
        }
    }
}
