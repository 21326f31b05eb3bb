using System;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Middleware;

namespace Ezrouter;

/// <summary>
/// Retries for this gateway: connection failures and 408/502/503/504/529 (the profile's
/// <see cref="Profiles.GatewayProfile.BackoffStatuses"/>); 429 only when the server sends <c>Retry-After</c>; a 503 <c>model_not_found</c> at most once; never 400/401/403/404/413 or a 500
/// <c>invalid_request</c>; never a stream once its first byte reached the caller. Full-jitter exponential backoff.
/// </summary>
/// <remarks>
/// The option class of <see cref="EzrouterRetryHandler"/>, shaped like Kiota's <c>RetryHandlerOption</c>: the client's
/// options (<see cref="EzrouterClientOptions.Retry"/>) are the default, and one request overrides them by carrying
/// its own instance in its request options (<c>c =&gt; c.Options.Add(new EzrouterRetryOptions { MaxRetries = 0 })</c>).
/// Setters reject values out of range with <see cref="ArgumentOutOfRangeException"/>.
/// </remarks>
public sealed class EzrouterRetryOptions : IRequestOption
{
    // Kiota's retry handler has the same ceiling.
    internal const int MaxMaxRetries = 10;

    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(1);
    private int _maxRetries = 2;
    private TimeSpan _baseDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(30);
    private TimeSpan _maxTotalTime = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt, 0 to 10. Default 2; 0 switches retries off.</summary>
    public int MaxRetries
    {
        get => _maxRetries;
        set
        {
            if (value is < 0 or > MaxMaxRetries)
                throw new ArgumentOutOfRangeException(nameof(MaxRetries), value, "Must be between 0 and 10.");
            _maxRetries = value;
        }
    }

    /// <summary>
    /// The backoff base: attempt n waits a random time in [0, min(MaxDelay, BaseDelay·2ⁿ)]. Default 1 s; 0 to 1 day.
    /// </summary>
    public TimeSpan BaseDelay { get => _baseDelay; set => _baseDelay = InRange(value, allowZero: true); }

    /// <summary>The longest single wait, also the cap on a server's <c>Retry-After</c>. Default 30 s; 0 to 1 day.</summary>
    public TimeSpan MaxDelay { get => _maxDelay; set => _maxDelay = InRange(value, allowZero: true); }

    /// <summary>No retry starts once this much time has passed since the first attempt. Default 2 min; above 0, at most 1 day.</summary>
    public TimeSpan MaxTotalTime { get => _maxTotalTime; set => _maxTotalTime = InRange(value, allowZero: false); }

    /// <summary>
    /// Overrides the gateway's retry table: given the failure (an <see cref="EzrouterException"/>) and the number of
    /// retries made so far, return true to retry. Null uses <see cref="EzrouterRetryPolicy.ShouldRetry(EzrouterException, int)"/>.
    /// </summary>
    public Func<EzrouterException, int, bool>? ShouldRetry { get; set; }

    /// <summary>
    /// Called once before each wait between attempts, on the thread that runs the call, with the wait, the next
    /// attempt, the most attempts, the failure and whether the wait is the server's <c>Retry-After</c>: for telling a
    /// user why a call is slow. It should return at once; an exception it throws is ignored, so a notification never
    /// changes the call's outcome. Null (the default) calls nothing.
    /// </summary>
    public Action<EzrouterRetryWait>? OnRetryWait { get; set; }

    internal EzrouterRetryOptions Clone() => (EzrouterRetryOptions)MemberwiseClone();

    private static TimeSpan InRange(TimeSpan value, bool allowZero, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value > MaxSpan)
            throw new ArgumentOutOfRangeException(name, value, allowZero ? "Must be between 0 and 1 day." : "Must be above 0 and at most 1 day.");
        return value;
    }
}
