using System;

namespace Ezrouter;

/// <summary>
/// An optional limit on requests in flight that adapts to the gateway's first-byte latency. Gateway: ezrouter
/// never answers 429; under load it queues silently, so rising time to first byte is the only backpressure signal
/// (docs/gateway-behavior.md §17). The limit shrinks multiplicatively while first bytes are slower than
/// <see cref="TargetTimeToFirstByte"/> and grows by one per window of fast answers (AIMD).
/// </summary>
public sealed class EzrouterConcurrencyOptions
{
    /// <summary>The most requests in flight at once, and the starting limit. Default 16.</summary>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>The limit never drops below this. Default 1.</summary>
    public int MinConcurrentRequests { get; set; } = 1;

    /// <summary>First bytes slower than this shrink the limit. Default 10 s.</summary>
    public TimeSpan TargetTimeToFirstByte { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The factor a slow answer multiplies the limit by (at most once per <see cref="TargetTimeToFirstByte"/>). Default 0.7.</summary>
    public double DecreaseFactor { get; set; } = 0.7;

    internal EzrouterConcurrencyOptions Clone() => (EzrouterConcurrencyOptions)MemberwiseClone();
}
