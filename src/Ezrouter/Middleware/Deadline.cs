using System;
using System.Threading;

namespace Ezrouter;

/// <summary>
/// A caller's cancellation plus a time limit, as one token; <see cref="Fired"/> tells the limit from the caller.
/// One linked source with a deadline on the system clock; an injected clock (tests) needs its own timer source.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    public Deadline(TimeSpan limit, TimeProvider time, CancellationToken caller)
    {
        Limit = limit;
        _caller = caller;
        _timer = time == TimeProvider.System ? null : new CancellationTokenSource(limit, time);
        _linked = _timer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(caller)
            : CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
        if (_timer is null) _linked.CancelAfter(limit);
    }

    public CancellationToken Token => _linked.Token;

    public TimeSpan Limit { get; }

    /// <summary>True when the limit, not the caller, cancelled.</summary>
    public bool Fired => _linked.IsCancellationRequested && !_caller.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer?.Dispose();
    }
}
