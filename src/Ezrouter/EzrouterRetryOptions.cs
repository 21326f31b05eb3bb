using System;

namespace Ezrouter;

/// <summary>
/// Retries for this gateway: connection failures and 502/503/504; 408, 429 and 529 only when the server sends
/// <c>Retry-After</c>; a 503 <c>model_not_found</c> at most once; never 400/401/403/404/413 or a 500
/// <c>invalid_request</c>; never a stream once its first byte reached the caller. Full-jitter exponential backoff.
/// </summary>
public sealed class EzrouterRetryOptions
{
    /// <summary>Retries after the first attempt. Default 2; 0 switches retries off.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The backoff base: attempt n waits a random time in [0, min(MaxDelay, BaseDelay·2ⁿ)]. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait, also the cap on a server's <c>Retry-After</c>. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No retry starts once this much time has passed since the first attempt. Default 2 min.</summary>
    public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Overrides the gateway's retry table: given the failure (an <see cref="EzrouterException"/>) and the number of
    /// retries made so far, return true to retry. Null uses <see cref="GatewayRetryPolicy.ShouldRetry"/>.
    /// </summary>
    public Func<EzrouterException, int, bool>? ShouldRetry { get; set; }

    internal EzrouterRetryOptions Clone() => (EzrouterRetryOptions)MemberwiseClone();
}
