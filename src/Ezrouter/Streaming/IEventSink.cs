using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace Ezrouter.Streaming;

/// <summary>
/// What a read that had to wait hands its outcome to (<see cref="IEventReader{TEvent}.ReadAfterWaitAsync"/>): the
/// enumerator of <see cref="EzrouterStream{TEvent}"/>, so that on a network stream, where most events arrive after a
/// wait, one state machine resumes per event instead of one in the reader and another in the enumerator.
/// </summary>
internal interface IEventSink<TEvent>
    where TEvent : class
{
    /// <summary>The next event arrived.</summary>
    void Take(TEvent item);

    /// <summary>The stream completed; returns the move's result (false).</summary>
    ValueTask<bool> FinishAsync();

    /// <summary>The read failed; ends the stream and throws the failure.</summary>
    ValueTask<bool> FailAsync(ExceptionDispatchInfo failure);
}
