using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Ezrouter;

/// <summary>
/// The rate limits a gateway reported on one response (<c>x-ratelimit-*</c>, <c>x-concurrent-*</c>; EzAI sends them on
/// every answer). Each field is null when its header was missing or unreadable; the snapshot itself is null on a
/// response that carried none of them. Read it as of the moment the response was sent: a client pacing itself keeps
/// the latest one.
/// </summary>
public sealed record EzrouterRateLimit
{
    /// <summary>The header names, as the gateway sends them.</summary>
    public const string TierHeader = "x-ratelimit-tier", LimitRequestsHeader = "x-ratelimit-limit-requests",
        RemainingRequestsHeader = "x-ratelimit-remaining-requests", ResetRequestsHeader = "x-ratelimit-reset-requests",
        ConcurrentLimitHeader = "x-concurrent-limit", ConcurrentRemainingHeader = "x-concurrent-remaining";

    /// <summary>The account's tier (<c>free</c>, <c>topup</c>, <c>pro</c>, ...).</summary>
    public string? Tier { get; init; }

    /// <summary>Requests allowed per window (per minute on EzAI).</summary>
    public int? LimitRequests { get; init; }

    /// <summary>Requests left in the current window.</summary>
    public int? RemainingRequests { get; init; }

    /// <summary>When the current window ends and <see cref="RemainingRequests"/> is back to <see cref="LimitRequests"/>.</summary>
    public DateTimeOffset? ResetRequests { get; init; }

    /// <summary>Requests allowed in flight at once.</summary>
    public int? ConcurrentLimit { get; init; }

    /// <summary>Slots for requests in flight still free when the response was sent.</summary>
    public int? ConcurrentRemaining { get; init; }

    /// <summary>The snapshot in a response's headers, or null when it has none of them. Never throws on bad values.</summary>
    // Http.EzrouterHeaders.First: the value as it arrived, read without building a validated copy of the header
    // (six lookups on every answer, most of them of headers that are not there).
    internal static EzrouterRateLimit? From(HttpResponseMessage response) => From(name => Http.EzrouterHeaders.First(response, name));

    /// <summary>The snapshot in a header dictionary (case-insensitive), or null when it has none of them.</summary>
    internal static EzrouterRateLimit? From(IDictionary<string, IEnumerable<string>> headers) => From(name =>
        headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : FindIgnoringCase(headers, name));

    private static string? FindIgnoringCase(IDictionary<string, IEnumerable<string>> headers, string name)
    {
        // A dictionary built with an ordinal comparer (a caller's) still finds the header.
        foreach (var pair in headers)
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return pair.Value.FirstOrDefault();
        return null;
    }

    private static EzrouterRateLimit? From(Func<string, string?> header)
    {
        var tier = header(TierHeader);
        var limit = header(LimitRequestsHeader);
        var remaining = header(RemainingRequestsHeader);
        var reset = header(ResetRequestsHeader);
        var concurrentLimit = header(ConcurrentLimitHeader);
        var concurrentRemaining = header(ConcurrentRemainingHeader);
        if (tier is null && limit is null && remaining is null && reset is null && concurrentLimit is null && concurrentRemaining is null) return null;
        return new EzrouterRateLimit
        {
            Tier = string.IsNullOrWhiteSpace(tier) ? null : tier.Trim(),
            LimitRequests = Count(limit),
            RemainingRequests = Count(remaining),
            ResetRequests = Time(reset),
            ConcurrentLimit = Count(concurrentLimit),
            ConcurrentRemaining = Count(concurrentRemaining),
        };
    }

    // A count is a non-negative integer; anything else (a negative, a fraction, text) is unknown, not zero.
    private static int? Count(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    // The gateway sends an ISO 8601 instant (2026-03-03T09:00:00.000Z); an instant without an offset is UTC.
    private static DateTimeOffset? Time(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
