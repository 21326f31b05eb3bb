using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Ezrouter.Middleware;

/// <summary>
/// A first come, first served async gate whose capacity can change while requests hold and wait for slots: the
/// platform's <see cref="ConcurrencyLimiter"/> with a fixed ceiling of permits, the part above the current limit held
/// back. Shared by <see cref="AdaptiveConcurrencyLimiter"/> (the limit follows latency) and
/// <see cref="RateLimitPacer"/> (the limit follows the gateway's <c>x-concurrent-limit</c>). Thread-safe.
/// </summary>
/// <remarks>
/// A decrease takes the free permits at once and keeps the next ones released by requests as they finish (a debt),
/// so no waiter is let in until fewer than <see cref="Limit"/> requests are in flight; an increase pays debt first,
/// then gives held-back permits back, which lets the oldest waiters in. Waiting and its cancellation are the
/// platform limiter's.
/// </remarks>
internal sealed class ResizableConcurrencyLimiter
{
    private readonly object _gate = new();
    private readonly ConcurrencyLimiter _permits;
    private readonly Stack<RateLimitLease> _heldBack = new();
    private readonly int _ceiling;
    private int _limit;
    private int _debt;
    private int _inFlight;

    /// <param name="ceiling">The most slots the limit can ever grow to; at least 1.</param>
    /// <param name="initialLimit">The starting limit, 1 to <paramref name="ceiling"/>.</param>
    public ResizableConcurrencyLimiter(int ceiling, int initialLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ceiling, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialLimit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialLimit, ceiling);
        _ceiling = ceiling;
        _limit = ceiling;
        _permits = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = ceiling,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Resize(initialLimit);
    }

    /// <summary>The current limit.</summary>
    public int Limit
    {
        get { lock (_gate) return _limit; }
    }

    /// <summary>The highest limit allowed.</summary>
    public int Ceiling => _ceiling;

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests waiting for a slot.</summary>
    public int Waiting => (int)_permits.GetStatistics()!.CurrentQueuedCount;

    /// <summary>Waits for a slot; dispose the lease to give it back (once; later calls do nothing).</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var permit = await _permits.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!permit.IsAcquired)
        {
            // Only a full queue (int.MaxValue waiters) refuses a permit.
            permit.Dispose();
            throw new InvalidOperationException("The concurrency limiter's queue is full.");
        }
        Interlocked.Increment(ref _inFlight);
        return new Lease(this, permit);
    }

    /// <summary>Sets the limit, clamped to 1 to <see cref="Ceiling"/>; returns the limit now in force.</summary>
    public int Resize(int limit)
    {
        var target = Math.Clamp(limit, 1, _ceiling);
        var released = new List<RateLimitLease>();
        lock (_gate)
        {
            for (; _limit > target; _limit--) HoldBackOne();
            for (; _limit < target; _limit++)
            {
                if (_debt > 0) _debt--;
                else released.Add(_heldBack.Pop());
            }
        }
        // Outside the lock: returning a permit may hand it to the oldest waiter, whose code then runs here.
        foreach (var permit in released) permit.Dispose();
        return target;
    }

    /// <summary>Takes one permit out of circulation: a free one now, else the next one a finishing request returns.</summary>
    private void HoldBackOne()
    {
        var permit = _permits.AttemptAcquire(1);
        if (permit.IsAcquired)
        {
            _heldBack.Push(permit);
            return;
        }
        permit.Dispose();
        _debt++;
    }

    private void Release(RateLimitLease permit)
    {
        Interlocked.Decrement(ref _inFlight);
        lock (_gate)
        {
            if (_debt > 0)
            {
                _debt--;
                _heldBack.Push(permit);
                return;
            }
        }
        permit.Dispose();
    }

    private sealed class Lease(ResizableConcurrencyLimiter owner, RateLimitLease permit) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            owner.Release(permit);
        }
    }
}
