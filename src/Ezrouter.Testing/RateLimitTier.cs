using System;
using System.Collections.Generic;
using System.Linq;

namespace Ezrouter.Testing;

/// <summary>
/// An account tier the recorded gateway enforces (<see cref="RecordedGatewayOptions.Tier"/>): so many requests per
/// window (<see cref="RecordedGatewayOptions.RateWindow"/>, a minute by default) and so many in flight at once. The
/// built-in ones are EzAI's (<see cref="EzAi"/>); make another with the constructor.
/// </summary>
public sealed class RateLimitTier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="name">The name sent in <c>x-ratelimit-tier</c>: letters, digits, <c>-</c> or <c>_</c>.</param>
    /// <param name="requestsPerWindow">Requests admitted per window; at least 1.</param>
    /// <param name="concurrentRequests">Requests admitted in flight at once; at least 1.</param>
    public RateLimitTier(string name, int requestsPerWindow, int concurrentRequests)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // It goes into a header as it is: nothing that could end the line or need quoting.
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"A tier name is letters, digits, '-' or '_'; '{name}' is not.", nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentRequests, 1);
        Name = name;
        RequestsPerWindow = requestsPerWindow;
        ConcurrentRequests = concurrentRequests;
    }

    /// <summary>The tier's name, as <c>x-ratelimit-tier</c> carries it.</summary>
    public string Name { get; }

    /// <summary>Requests admitted per window (<c>x-ratelimit-limit-requests</c>).</summary>
    public int RequestsPerWindow { get; }

    /// <summary>Requests admitted in flight at once (<c>x-concurrent-limit</c>).</summary>
    public int ConcurrentRequests { get; }

    /// <summary>EzAI's Free tier: 5 requests a minute, 1 at a time (no balance, no plan).</summary>
    public static RateLimitTier Free { get; } = new("free", 5, 1);

    /// <summary>EzAI's Top-up tier: 30 a minute, 2 at a time (a credit balance, no plan).</summary>
    public static RateLimitTier TopUp { get; } = new("topup", 30, 2);

    /// <summary>EzAI's Starter plan: 30 a minute, 2 at a time.</summary>
    public static RateLimitTier Starter { get; } = new("starter", 30, 2);

    /// <summary>EzAI's Pro plan: 60 a minute, 3 at a time.</summary>
    public static RateLimitTier Pro { get; } = new("pro", 60, 3);

    /// <summary>EzAI's Max plan: 90 a minute, 6 at a time.</summary>
    public static RateLimitTier Max { get; } = new("max", 90, 6);

    /// <summary>EzAI's Ultra plan: 120 a minute, 8 at a time.</summary>
    public static RateLimitTier Ultra { get; } = new("ultra", 120, 8);

    /// <summary>EzAI's tiers, from the smallest.</summary>
    public static IReadOnlyList<RateLimitTier> EzAi { get; } = [Free, TopUp, Starter, Pro, Max, Ultra];

    /// <summary>The EzAI tier with this name (case-insensitive; <c>top-up</c> is <c>topup</c>), or null.</summary>
    public static RateLimitTier? FromName(string? name)
    {
        var wanted = name?.Trim().Replace("-", "", StringComparison.Ordinal);
        return EzAi.FirstOrDefault(t => string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {RequestsPerWindow} requests per window, {ConcurrentRequests} at a time";
}
