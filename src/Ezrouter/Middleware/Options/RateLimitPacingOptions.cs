using System;
using Ezrouter.Profiles;

namespace Ezrouter.Middleware.Options;

/// <summary>
/// Pacing from the gateway's rate-limit headers (<see cref="RateLimitPacingHandler"/>, through its
/// <see cref="RateLimitPacer"/>): the client keeps its requests in flight at or under <c>x-concurrent-limit</c> and its
/// requests per window under <c>x-ratelimit-remaining-requests</c> until <c>x-ratelimit-reset-requests</c>, so extra
/// calls wait in the client instead of being refused with 429 (docs/gateway-behavior.md §23).
/// </summary>
/// <remarks>
/// Set on <see cref="EzrouterClientOptions.RateLimitPacing"/>. Null there leaves it to the profile
/// (<see cref="GatewayProfile.PaceRateLimits"/>: on for <see cref="GatewayProfile.EzAi"/>, off for
/// <see cref="GatewayProfile.Ezrouter"/>, which sends no such headers); an instance turns it on for any profile, and
/// one with <see cref="Enabled"/> false turns it off. Like <see cref="EzrouterConcurrencyOptions"/> it is per client
/// only: the limits are the account's, one count shared by all the client's requests, so one request cannot opt out
/// without the others paying for it. Setters reject values out of range with <see cref="ArgumentOutOfRangeException"/>.
/// </remarks>
public sealed class RateLimitPacingOptions
{
    /// <summary>The most this client ever allows in flight, and the limit while the gateway names none.</summary>
    public const int MaxMaxConcurrentRequests = 1024;

    private int _maxConcurrent = 64;
    private TimeSpan _maxResetDelay = TimeSpan.FromMinutes(2);

    /// <summary>Whether the client paces itself. Default true (an instance that exists turns pacing on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The ceiling on requests in flight: an <c>x-concurrent-limit</c> above it is read as it, and it is the limit
    /// when the gateway's answers carry no such header. 1 to <see cref="MaxMaxConcurrentRequests"/>; default 64.
    /// Before the first answer nothing is known and one request goes alone.
    /// </summary>
    public int MaxConcurrentRequests
    {
        get => _maxConcurrent;
        set => _maxConcurrent = value is >= 1 and <= MaxMaxConcurrentRequests
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), value, $"Must be 1 to {MaxMaxConcurrentRequests}.");
    }

    /// <summary>
    /// The longest the client believes a window lasts or a 429's <c>Retry-After</c> asks for: a reset time further
    /// ahead is read as this far ahead, so a wrong header cannot park calls for days. Above 0, at most 1 day; default
    /// 2 minutes (the gateway's window is one minute). A call's own total time limit still ends its wait sooner.
    /// </summary>
    public TimeSpan MaxResetDelay
    {
        get => _maxResetDelay;
        set => _maxResetDelay = value > TimeSpan.Zero && value <= TimeSpan.FromDays(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxResetDelay), value, "Must be above 0 and at most 1 day.");
    }

    /// <summary>The pacing a client with these options and this profile uses, or null for none.</summary>
    internal static RateLimitPacingOptions? For(RateLimitPacingOptions? own, GatewayProfile? profile) =>
        own is not null ? (own.Enabled ? own : null)
        : (profile ?? GatewayProfile.Ezrouter).PaceRateLimits ? new RateLimitPacingOptions() : null;

    internal RateLimitPacingOptions Clone() => (RateLimitPacingOptions)MemberwiseClone();
}
