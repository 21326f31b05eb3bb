using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Threading.Tasks;
using System.Threading;
using System;
using Microsoft.Kiota.Abstractions.Serialization;
using Ezrouter.Http;

namespace Ezrouter.Streaming;

/// <summary>
/// SSE framing by <see cref="SseParser"/> over a response body, each event parsed from its UTF-8 bytes by the
/// caller's item parser. Adds what the parser leaves to us: the idle limit between events, the total limit, and
/// turning a dropped connection or a fired limit into a typed exception that carries what arrived so far.
/// </summary>
internal sealed class SseEventSource<T> : IAsyncDisposable
{
    private readonly TailRecordingStream _body;
    private readonly CallScope _context;
    private readonly IAsyncEnumerator<SseItem<T>> _events;
    private ITimer? _idleTimer;
    private readonly Func<IParsable?> _partial;
    private const long NotWaiting = long.MinValue;
    private long _waitingSince = NotWaiting;
    private volatile bool _disposed;

    // partial: what arrived so far, for the exception a failure raises; one delegate per stream, not one per event.
    // The call's cancellation (context.Token) covers the caller, the total limit and, through this source's
    // timer, the idle limit.
    public SseEventSource(Stream body, SseItemParser<T> parser, Func<IParsable?> partial, CallScope context)
    {
        _partial = partial;
        _body = new TailRecordingStream(body, maxEventBytes: context.Bounds.MaxEventBytes);
        _context = context;
        var token = context.Token;
        _events = SseParser.Create(_body, parser).EnumerateAsync(token).GetAsyncEnumerator(token);
    }

    public SseItem<T> Current => _events.Current;

    /// <summary>The last bytes of the body, for what an SSE parser skips (see <see cref="TailRecordingStream"/>).</summary>
    public byte[] Tail => _body.GetTail();

    /// <summary>
    /// Starts the move to the next event (false at the end of the body): complete at once when the event is buffered.
    /// A move that is not complete is awaited between <see cref="BeginWait"/> and <see cref="EndWait"/>, with its
    /// failure passed through <see cref="Typed"/>, by the reader's own async method: on a network stream most events
    /// arrive after a wait, and a state machine of this class's own around each wait was one more to resume per event.
    /// </summary>
    public ValueTask<bool> StartMove()
    {
        try
        {
            return _events.MoveNextAsync();
        }
        catch (Exception e) when (Typed(e) is { } typed)
        {
            return ValueTask.FromException<bool>(typed);
        }
    }

    /// <summary>A wait for the server begins: the idle limit measures it.</summary>
    public void BeginWait()
    {
        Volatile.Write(ref _waitingSince, _context.Time.GetTimestamp());
        // One timer per stream that checks when the current wait began, rather than re-arming a timer on every
        // event; made on the first real wait, so a body that is already buffered never needs one.
        if (_idleTimer is null && _context.Idle is { } idle)
        {
            // Armed only once assigned, so the callback always finds it.
            _idleTimer = _context.Time.CreateTimer(static state => ((SseEventSource<T>)state!).OnIdleTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _idleTimer.Change(idle, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The wait is over (the event arrived, or the move failed).</summary>
    public void EndWait() => Volatile.Write(ref _waitingSince, NotWaiting);

    /// <summary>The typed exception for a fired limit, an oversized event or a dropped connection; null for anything else (rethrown as is).</summary>
    public Exception? Typed(Exception e)
    {
        if (_context.LimitExceeded(e) is { } timeout) return StreamErrors.Fail(timeout, _partial);
        if (e is EventTooLargeException big)
        {
            var summary = $"a stream event reached {big.Limit} bytes (EzrouterLimits.MaxEventBytes) and was not read further";
            return StreamErrors.Fail(new EzrouterProtocolException(_context.Details(summary), e), _partial);
        }
        // Raised by the body itself (an inflated body past its limit, or corrupt): typed already, it lacks only the partial.
        if (e is EzrouterException { PartialResponse: null } fromBody) return StreamErrors.Fail(fromBody, _partial);
        if (e is IOException or HttpRequestException)
            return StreamErrors.Fail(new EzrouterStreamTruncatedException(_context.Details($"the connection dropped mid-stream: {e.Message}"), e), _partial);
        return null;
    }

    // Idle means the server is silent while we wait for it; a slow consumer between events does not count.
    private void OnIdleTimer()
    {
        if (_disposed) return;
        var idle = _context.Idle!.Value;
        var since = Volatile.Read(ref _waitingSince);
        try
        {
            if (since == NotWaiting)
            {
                _idleTimer!.Change(idle, Timeout.InfiniteTimeSpan);
                return;
            }
            var waited = _context.Time.GetElapsedTime(since);
            if (waited >= idle) _context.FireIdle();
            else _idleTimer!.Change(idle - waited, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The stream was disposed while this callback ran.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        // ITimer.DisposeAsync waits for a callback already running, so nothing touches the sources below after this.
        if (_idleTimer is not null) await _idleTimer.DisposeAsync().ConfigureAwait(false);
        await _events.DisposeAsync().ConfigureAwait(false);
        await _body.DisposeAsync().ConfigureAwait(false);
    }
}
