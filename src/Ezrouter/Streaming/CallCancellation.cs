using System;
using System.Threading;

namespace Ezrouter;

/// <summary>
/// The one cancellation source of a call whose answer is read as a stream: the caller's tokens, the total limit
/// over the whole call, and the idle limit between events all cancel one token, and <see cref="Fired"/> says which
/// limit cut it (null: the caller cancelled). One source per call, rather than a source per limit plus the linked
/// sources that join them.
/// </summary>
internal sealed class CallCancellation : IDisposable
{
    private const int NoneFired = 0;
    private const int TotalFired = 1;
    private const int IdleFired = 2;

    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _first;
    private readonly CancellationToken _second;
    private readonly ITimer? _totalTimer;
    private readonly Deadline? _outerTotal;
    private int _fired;

    /// <param name="first">The caller's token (e.g. the one given when the stream was created).</param>
    /// <param name="second">A second caller token (e.g. the one given to <c>GetAsyncEnumerator</c>), or none.</param>
    /// <param name="total">The total limit, or null for none.</param>
    /// <param name="time">The clock the limits run on.</param>
    public CallCancellation(CancellationToken first, CancellationToken second, TimeSpan? total, TimeProvider time)
        : this(first, second, total, time, outerTotal: null)
    {
    }

    /// <summary>
    /// For a read inside <see cref="TotalTimeoutHandler"/>: <paramref name="outerTotal"/> (whose token is
    /// <paramref name="first"/>) is the total limit, applied outside; when it fires, <see cref="Fired"/> says Total.
    /// </summary>
    public CallCancellation(CancellationToken first, Deadline outerTotal, TimeProvider time)
        : this(first, default, total: null, time, outerTotal)
    {
    }

    private CallCancellation(CancellationToken first, CancellationToken second, TimeSpan? total, TimeProvider time, Deadline? outerTotal)
    {
        _outerTotal = outerTotal;
        _first = first;
        _second = second;
        _source = first.CanBeCanceled && second.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(first, second)
            : first.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(first)
            : second.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(second)
            : new CancellationTokenSource();
        TotalLimit = total ?? outerTotal?.Limit;
        if (total is not { } limit) return;
        // The system clock: the source's own timer. An injected clock (tests) needs a timer of its own.
        if (time == TimeProvider.System) _source.CancelAfter(limit);
        else _totalTimer = time.CreateTimer(static state => ((CallCancellation)state!).Fire(TotalFired), this, limit, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _source.Token;

    public TimeSpan? TotalLimit { get; }

    /// <summary>Which limit cancelled the call; null when nothing did or the caller did.</summary>
    public TimeoutKind? Fired
    {
        get
        {
            var fired = Volatile.Read(ref _fired);
            if (_outerTotal is { } outer)
            {
                // Inside TotalTimeoutHandler the first token is its deadline's, which tells its limit from its caller.
                // The idle limit is recorded only when it fired first (Fire returns once the call is cancelled).
                if (_first.IsCancellationRequested && !outer.Fired) return null;
                return fired == IdleFired ? TimeoutKind.Idle : outer.Fired ? TimeoutKind.Total : null;
            }
            // A caller that cancelled is a cancellation, even if a limit fired in the same instant.
            if (_first.IsCancellationRequested || _second.IsCancellationRequested) return null;
            return fired switch
            {
                IdleFired => TimeoutKind.Idle,
                TotalFired => TimeoutKind.Total,
                // CancelAfter fires without telling us: the source is cancelled and the caller is not.
                _ => TotalLimit is not null && _source.IsCancellationRequested ? TimeoutKind.Total : null,
            };
        }
    }

    /// <summary>The idle limit passed: cancels the call (first limit to fire wins).</summary>
    public void FireIdle() => Fire(IdleFired);

    private void Fire(int limit)
    {
        // Already cancelled (the caller, or the total limit through CancelAfter, which records nothing): that one won.
        if (_source.IsCancellationRequested) return;
        Interlocked.CompareExchange(ref _fired, limit, NoneFired);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended while the timer fired.
        }
    }

    public void Dispose()
    {
        _totalTimer?.Dispose();
        _source.Dispose();
    }
}
