using System;
using System.Threading.Tasks;

namespace Ezrouter.Streaming;

/// <summary>What <see cref="EzrouterStream{TEvent}"/> needs from a surface's SSE reader.</summary>
internal interface IEventReader<TEvent> : IAsyncDisposable
    where TEvent : class
{
    /// <summary>The next event, or null once the stream completed; throws the typed error or truncation otherwise.</summary>
    ValueTask<TEvent?> ReadAsync();

    /// <summary>
    /// The next event when it is buffered (true: <paramref name="item"/> is the event, or null once the stream
    /// completed); false when the body has to be waited for, with the wait in <paramref name="pending"/> for
    /// <see cref="ReadAfterWaitAsync"/>. Throws the typed error or truncation.
    /// </summary>
    bool TryRead(out TEvent? item, out ValueTask<bool> pending);

    /// <summary>Waits for <paramref name="pending"/>, reads on to the next event and hands the outcome to <paramref name="sink"/>.</summary>
    ValueTask<bool> ReadAfterWaitAsync(ValueTask<bool> pending, IEventSink<TEvent> sink);

    /// <summary>How the stream ended, once the reader knows.</summary>
    StreamOutcome Outcome { get; }
}
