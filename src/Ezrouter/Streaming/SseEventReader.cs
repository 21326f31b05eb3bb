using System;
using System.IO;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions.Serialization;
using Ezrouter.Http;

namespace Ezrouter.Streaming;

/// <summary>
/// What both surfaces' stream readers share: the event source, the outcome, and a read that stays synchronous while
/// events are buffered (a state machine only when the body has to be waited for). A surface says what one event,
/// or the end of the body, means in <see cref="Step"/>.
/// </summary>
/// <typeparam name="TEvent">The generated event type handed to the caller.</typeparam>
/// <typeparam name="TFrame">One SSE event's data as the surface's item parser leaves it.</typeparam>
internal abstract class SseEventReader<TEvent, TFrame> : IEventReader<TEvent>, IEventSink<TEvent>
    where TEvent : class
{
    private protected SseEventReader(Stream body, SseItemParser<TFrame> parser, CallScope context)
    {
        Context = context;
        Source = new SseEventSource<TFrame>(body, parser, Partial, context);
    }

    private protected SseEventSource<TFrame> Source { get; }

    private protected CallScope Context { get; }

    public StreamOutcome Outcome { get; private protected set; }

    /// <summary>The next event, or null once the stream completed; throws the typed error or truncation otherwise.</summary>
    public ValueTask<TEvent?> ReadAsync() => TryRead(out var item, out var pending) ? new(item) : ReadOneAfterWaitAsync(pending);

    /// <inheritdoc />
    public bool TryRead(out TEvent? item, out ValueTask<bool> pending)
    {
        pending = default;
        item = null;
        if (IsOver()) return true;
        while (true)
        {
            var moved = Source.StartMove();
            if (!moved.IsCompletedSuccessfully)
            {
                pending = moved;
                return false;
            }
            if (StepWithinBounds(moved.Result, out item)) return true;
        }
    }

    // For ReadAsync (the aggregation's reads): this reader is its own sink, holding the event taken.
    private async ValueTask<TEvent?> ReadOneAfterWaitAsync(ValueTask<bool> pending) =>
        await ReadAfterWaitAsync(pending, this).ConfigureAwait(false) ? _taken : null;

    /// <inheritdoc />
    // Pooled: on a network stream most events arrive after a wait, and each wait would otherwise box a state machine.
    // The source's wait is awaited here, not in an async method of the source's: one state machine to resume per event.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadAfterWaitAsync(ValueTask<bool> pending, IEventSink<TEvent> sink)
    {
        TEvent? item;
        try
        {
            while (true)
            {
                bool moved;
                if (pending.IsCompletedSuccessfully)
                {
                    // Buffered: nothing was waited for, so the idle limit has nothing to measure.
                    moved = pending.Result;
                }
                else
                {
                    Source.BeginWait();
                    try
                    {
                        moved = await pending.ConfigureAwait(false);
                    }
                    catch (Exception e) when (Source.Typed(e) is { } typed)
                    {
                        throw typed;
                    }
                    finally
                    {
                        Source.EndWait();
                    }
                }
                if (StepWithinBounds(moved, out item)) break;
                pending = Source.StartMove();
            }
        }
        catch (Exception e)
        {
            return await sink.FailAsync(ExceptionDispatchInfo.Capture(e)).ConfigureAwait(false);
        }
        if (item is null) return await sink.FinishAsync().ConfigureAwait(false);
        sink.Take(item);
        return true;
    }

    private TEvent? _taken;

    void IEventSink<TEvent>.Take(TEvent item) => _taken = item;

    ValueTask<bool> IEventSink<TEvent>.FinishAsync() => new(false);

    ValueTask<bool> IEventSink<TEvent>.FailAsync(ExceptionDispatchInfo failure)
    {
        failure.Throw();
        return default;
    }

    // The cap on the accumulated answer (EzrouterLimits.MaxAnswerChars), checked after each event is folded in: the
    // event that crosses it ends the call, with everything folded so far as the partial result. It applies to streams
    // too, since a stream's accumulator keeps every delta as well.
    private bool StepWithinBounds(bool moved, out TEvent? item)
    {
        var over = Step(moved, out item);
        if (Context.Bounds.MaxAnswerChars is { } max && AnswerLength() > max)
        {
            Outcome = StreamOutcome.Error;
            var summary = $"the answer passed {max} characters (EzrouterLimits.MaxAnswerChars) and was not read further";
            throw StreamErrors.Fail(new EzrouterProtocolException(Context.Details(summary)), Partial);
        }
        return over;
    }

    // The surfaces' accumulators, named here rather than through an interface: one on the public accumulators
    // would show in their public surface.
    private long AnswerLength() => this switch
    {
        ChatStreamReader chat => chat.Accumulator.AnswerLength,
        MessageStreamReader messages => messages.Accumulator.AnswerLength,
        ResponseStreamReader responses => responses.Accumulator.AnswerLength,
        _ => 0,
    };

    /// <summary>True when nothing more is to be read (the outcome is then known).</summary>
    private protected virtual bool IsOver() => Outcome != StreamOutcome.Pending;

    /// <summary>
    /// Takes the current event, or the end of the body when <paramref name="moved"/> is false: true when the read is
    /// over, with the event (null once the stream completed); false to read on. Throws the typed error or truncation.
    /// </summary>
    private protected abstract bool Step(bool moved, out TEvent? item);

    /// <summary>What arrived so far, for the exception a failure raises.</summary>
    private protected abstract IParsable? Partial();

    /// <summary>
    /// The body ended: completed when the surface's terminal event came (<paramref name="complete"/>); otherwise
    /// throws the error found in the body's tail, or a truncation naming the <paramref name="terminal"/> event missed.
    /// </summary>
    private protected void EndOfBody(bool complete, string terminal, int events)
    {
        if (complete)
        {
            Outcome = StreamOutcome.Completed;
            return;
        }
        if (StreamErrors.FindInTail(Source.Tail, Context) is { } tailError)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterStreamException(tailError), Partial);
        }
        Outcome = StreamOutcome.Truncated;
        throw StreamErrors.Fail(new EzrouterStreamTruncatedException(Context.Details($"the stream closed before {terminal} after {events} events")), Partial);
    }

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
