using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter;

/// <summary>
/// An async gate whose capacity follows observed time to first byte (additive increase, multiplicative decrease).
/// Thread-safe. Used by <see cref="AdaptiveConcurrencyHandler"/>; public so callers can read <see cref="Limit"/>.
/// </summary>
public sealed class AdaptiveConcurrencyLimiter
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiters = new();
    private readonly EzrouterConcurrencyOptions _options;
    private readonly TimeProvider _time;
    private long _lastDecrease = long.MinValue;
    private int _fastAnswers;

    /// <summary>Creates a limiter starting at <see cref="EzrouterConcurrencyOptions.MaxConcurrentRequests"/>.</summary>
    public AdaptiveConcurrencyLimiter(EzrouterConcurrencyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinConcurrentRequests < 1 || options.MaxConcurrentRequests < options.MinConcurrentRequests)
            throw new ArgumentOutOfRangeException(nameof(options), "Need 1 <= MinConcurrentRequests <= MaxConcurrentRequests.");
        if (options.DecreaseFactor is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), "DecreaseFactor must be between 0 and 1.");
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        Limit = _options.MaxConcurrentRequests;
    }

    /// <summary>The current limit.</summary>
    public int Limit { get; private set; }

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight { get; private set; }

    /// <summary>Requests waiting for a slot.</summary>
    public int Waiting { get { lock (_gate) return _waiters.Count; } }

    /// <summary>Waits for a slot; dispose the lease to give it back.</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        lock (_gate)
        {
            if (InFlight < Limit && _waiters.Count == 0)
            {
                InFlight++;
                return new Lease(this);
            }
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }
        using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            try
            {
                await waiter.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    // Granted and cancelled at the same moment: the slot was ours, give it back.
                    if (waiter.Task.IsCompletedSuccessfully) ReleaseSlot();
                }
                throw;
            }
        }
        return new Lease(this);
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
                Limit = Math.Max(_options.MinConcurrentRequests, (int)Math.Floor(Limit * _options.DecreaseFactor));
                return;
            }
            if (Limit >= _options.MaxConcurrentRequests) return;
            if (++_fastAnswers < Limit) return;
            _fastAnswers = 0;
            Limit++;
            GrantWaiters();
        }
    }

    private void ReleaseSlot()
    {
        InFlight--;
        GrantWaiters();
    }

    private void GrantWaiters()
    {
        while (InFlight < Limit && _waiters.Count > 0)
        {
            var next = _waiters.Dequeue();
            if (next.TrySetResult(true)) InFlight++;
        }
    }

    private sealed class Lease(AdaptiveConcurrencyLimiter owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (owner._gate) owner.ReleaseSlot();
        }
    }
}
