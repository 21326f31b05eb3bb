using System;
using System.Threading.Tasks;

namespace Ezrouter.Streaming;

/// <summary>What <see cref="EzrouterStream{TEvent}"/> needs from a surface's SSE reader.</summary>
internal interface IEventReader<TEvent> : IAsyncDisposable
    where TEvent : class
{
    /// <summary>The next event, or null once the stream completed; throws the typed error or truncation otherwise.</summary>
    ValueTask<TEvent?> ReadAsync();

    /// <summary>How the stream ended, once the reader knows.</summary>
    StreamOutcome Outcome { get; }
}
