using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Ezrouter.Middleware;

/// <summary>
/// An async gate whose capacity follows observed time to first byte (additive increase, multiplicative decrease).
/// Thread-safe. Used by <see cref="AdaptiveConcurrencyHandler"/>; public so callers can read <see cref="Limit"/>.
/// </summary>
/// <remarks>
/// Waiting is the platform's: a <see cref="ConcurrencyLimiter"/> with <see cref="EzrouterConcurrencyOptions.MaxConcurrentRequests"/>
/// permits queues callers first come, first served, and handles a cancelled wait. Only the adaptive rule is ours.
/// While the limit is below the maximum, the difference is held back: permits this limiter took from the platform
/// limiter itself. A decrease takes the free permits at once and keeps the next ones released by requests as they
/// finish (a debt), so no waiter is let in until fewer than <see cref="Limit"/> requests are in flight; an increase
/// pays one permit of debt, or gives one held-back permit back, which lets the oldest waiter in.
/// </remarks>
public sealed class AdaptiveConcurrencyLimiter
{
    private readonly object _gate = new();
    private readonly ConcurrencyLimiter _permits;
    private readonly Stack<RateLimitLease> _heldBack = new();
    private readonly EzrouterConcurrencyOptions _options;
    private readonly TimeProvider _time;
    private long _lastDecrease = long.MinValue;
    private int _fastAnswers;
    private int _debt;
    private int _inFlight;

    /// <summary>Creates a limiter starting at <see cref="EzrouterConcurrencyOptions.MaxConcurrentRequests"/>.</summary>
    public AdaptiveConcurrencyLimiter(EzrouterConcurrencyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Each setter checks its own range; only the pair can be checked here, once both are set.
        if (options.MaxConcurrentRequests < options.MinConcurrentRequests)
            throw new ArgumentOutOfRangeException(nameof(options), "Need 1 <= MinConcurrentRequests <= MaxConcurrentRequests.");
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        Limit = _options.MaxConcurrentRequests;
        _permits = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentRequests,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The current limit.</summary>
    public int Limit { get; private set; }

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests waiting for a slot.</summary>
    public int Waiting => (int)_permits.GetStatistics()!.CurrentQueuedCount;

    /// <summary>Waits for a slot; dispose the lease to give it back.</summary>
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

    /// <summary>Feeds one observed time to first byte into the limit.</summary>
    public void Report(TimeSpan timeToFirstByte)
    {
        lock (_gate)
        {
            if (timeToFirstByte > _options.TargetTimeToFirstByte)
            {
                _fastAnswers = 0;
                var now = _time.GetTimestamp();
                // One decrease per target interval: a burst of slow answers from the same congested moment counts once.
                if (_lastDecrease != long.MinValue && _time.GetElapsedTime(_lastDecrease, now) < _options.TargetTimeToFirstByte) return;
                _lastDecrease = now;
                var limit = Math.Max(_options.MinConcurrentRequests, (int)Math.Floor(Limit * _options.DecreaseFactor));
                for (var i = limit; i < Limit; i++) HoldBackOne();
                Limit = limit;
                return;
            }
            if (Limit >= _options.MaxConcurrentRequests) return;
            if (++_fastAnswers < Limit) return;
            _fastAnswers = 0;
            Limit++;
            if (_debt > 0) _debt--;
            else _heldBack.Pop().Dispose();
        }
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
        // Outside the lock: returning a permit may hand it to the oldest waiter.
        permit.Dispose();
    }

    private sealed class Lease(AdaptiveConcurrencyLimiter owner, RateLimitLease permit) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            owner.Release(permit);
        }
    }
}
