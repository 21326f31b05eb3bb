using System;
using Ezrouter.Middleware;

namespace Ezrouter;

/// <summary>
/// An optional limit on requests in flight that adapts to the gateway's first-byte latency. Gateway: ezrouter
/// never answers 429; under load it queues silently, so rising time to first byte is the only backpressure signal
/// (docs/gateway-behavior.md §17). The limit shrinks multiplicatively while first bytes are slower than
/// <see cref="TargetTimeToFirstByte"/> and grows by one per window of fast answers (AIMD).
/// </summary>
/// <remarks>
/// The option class of <see cref="AdaptiveConcurrencyHandler"/> (through its <see cref="AdaptiveConcurrencyLimiter"/>),
/// set once per client in <see cref="EzrouterClientOptions.Concurrency"/>. Unlike the other handlers' options there
/// is no per-request override: the limit is one shared count of the client's requests in flight, learnt from all of
/// them, so a request with its own maximum or target would either not be counted or skew what the others learn.
/// Setters reject values out of range with <see cref="ArgumentOutOfRangeException"/>; that the minimum is at most
/// the maximum is checked when the limiter is built, since either may be set first.
/// </remarks>
public sealed class EzrouterConcurrencyOptions
{
    private int _max = 16;
    private int _min = 1;
    private TimeSpan _target = TimeSpan.FromSeconds(10);
    private double _decreaseFactor = 0.7;

    /// <summary>The most requests in flight at once, and the starting limit; at least 1. Default 16.</summary>
    public int MaxConcurrentRequests
    {
        get => _max;
        set => _max = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), value, "Must be at least 1.");
    }

    /// <summary>The limit never drops below this; at least 1, at most <see cref="MaxConcurrentRequests"/>. Default 1.</summary>
    public int MinConcurrentRequests
    {
        get => _min;
        set => _min = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinConcurrentRequests), value, "Must be at least 1.");
    }

    /// <summary>First bytes slower than this shrink the limit; above 0, at most 1 day. Default 10 s.</summary>
    public TimeSpan TargetTimeToFirstByte
    {
        get => _target;
        set => _target = value > TimeSpan.Zero && value <= TimeSpan.FromDays(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TargetTimeToFirstByte), value, "Must be above 0 and at most 1 day.");
    }

    /// <summary>
    /// The factor a slow answer multiplies the limit by (at most once per <see cref="TargetTimeToFirstByte"/>);
    /// strictly between 0 and 1. Default 0.7.
    /// </summary>
    public double DecreaseFactor
    {
        get => _decreaseFactor;
        set => _decreaseFactor = value is > 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DecreaseFactor), value, "Must be between 0 and 1, both excluded.");
    }

    internal EzrouterConcurrencyOptions Clone() => (EzrouterConcurrencyOptions)MemberwiseClone();
}
