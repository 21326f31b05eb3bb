using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Middleware;

/// <summary>
/// An async gate whose capacity follows observed time to first byte (additive increase, multiplicative decrease).
/// Thread-safe. Used by <see cref="AdaptiveConcurrencyHandler"/>; public so callers can read <see cref="Limit"/>.
/// </summary>
/// <remarks>
/// Waiting is the platform's: a <see cref="ResizableConcurrencyLimiter"/> (a <see cref="System.Threading.RateLimiting.ConcurrencyLimiter"/>
/// with <see cref="EzrouterConcurrencyOptions.MaxConcurrentRequests"/> permits, the part above the limit held back)
/// queues callers first come, first served, and handles a cancelled wait. Only the adaptive rule is ours: a decrease
/// lets no waiter in until fewer than <see cref="Limit"/> requests are in flight; an increase lets the oldest waiter in.
/// </remarks>
public sealed class AdaptiveConcurrencyLimiter
{
    private readonly object _gate = new();
    private readonly ResizableConcurrencyLimiter _slots;
    private readonly EzrouterConcurrencyOptions _options;
    private readonly TimeProvider _time;
    private long _lastDecrease = long.MinValue;
    private int _fastAnswers;

    /// <summary>Creates a limiter starting at <see cref="EzrouterConcurrencyOptions.MaxConcurrentRequests"/>.</summary>
    public AdaptiveConcurrencyLimiter(EzrouterConcurrencyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Each setter checks its own range; only the pair can be checked here, once both are set.
        if (options.MaxConcurrentRequests < options.MinConcurrentRequests)
            throw new ArgumentOutOfRangeException(nameof(options), "Need 1 <= MinConcurrentRequests <= MaxConcurrentRequests.");
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        _slots = new ResizableConcurrencyLimiter(_options.MaxConcurrentRequests, _options.MaxConcurrentRequests);
    }

    /// <summary>The current limit.</summary>
    public int Limit => _slots.Limit;

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => _slots.InFlight;

    /// <summary>Requests waiting for a slot.</summary>
    public int Waiting => _slots.Waiting;

    /// <summary>Waits for a slot; dispose the lease to give it back.</summary>
    public ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken) => _slots.AcquireAsync(cancellationToken);

    /// <summary>Feeds one observed time to first byte into the limit.</summary>
    public void Report(TimeSpan timeToFirstByte)
    {
        int? resize = null;
        lock (_gate)
        {
            var limit = _slots.Limit;
            if (timeToFirstByte > _options.TargetTimeToFirstByte)
            {
                _fastAnswers = 0;
                var now = _time.GetTimestamp();
                // One decrease per target interval: a burst of slow answers from the same congested moment counts once.
                if (_lastDecrease != long.MinValue && _time.GetElapsedTime(_lastDecrease, now) < _options.TargetTimeToFirstByte) return;
                _lastDecrease = now;
                resize = Math.Max(_options.MinConcurrentRequests, (int)Math.Floor(limit * _options.DecreaseFactor));
            }
            else if (limit < _options.MaxConcurrentRequests && ++_fastAnswers >= limit)
            {
                _fastAnswers = 0;
                resize = limit + 1;
            }
            // Inside the lock, so that two reports never resize from the same old limit.
            if (resize is { } target) _slots.Resize(target);
        }
    }
}
