using System;
using System.Collections.Generic;

namespace Ezrouter.Middleware;

/// <summary>The gateway's retry table (docs/gateway-behavior.md §18), as a pure function so it can be tested alone.</summary>
public static class EzrouterRetryPolicy
{
    /// <summary>
    /// True when <paramref name="failure"/>, after <paramref name="retriesSoFar"/> retries, is worth another attempt:
    /// connection failures and connect timeouts; 408, 502, 503, 504 and 529 (a 503 <c>model_not_found</c> once at most);
    /// 429 only when the server sent <c>Retry-After</c>; an <c>overloaded_error</c> under another status as a 529.
    /// Never 400/401/403/404/413, a 500 <c>invalid_request</c>,
    /// a first-byte timeout (the gateway is queueing: another request adds to the queue), or an error inside a stream.
    /// </summary>
    public static bool ShouldRetry(EzrouterException failure, int retriesSoFar) =>
        ShouldRetry(failure, retriesSoFar, Profiles.GatewayProfile.DefaultBackoffStatuses);

    /// <summary>
    /// The same table for a gateway profile: the statuses in <paramref name="backoffStatuses"/>
    /// (<see cref="Profiles.GatewayProfile.BackoffStatuses"/>) are retried with backoff whether or not the server
    /// named a wait; 429, and 529 when the set leaves it out, only with <c>Retry-After</c>; the rest as above.
    /// </summary>
    public static bool ShouldRetry(EzrouterException failure, int retriesSoFar, IReadOnlySet<int> backoffStatuses)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(backoffStatuses);
        switch (failure)
        {
            case EzrouterConnectionException:
                return true;
            case EzrouterTimeoutException timeout:
                return timeout.Kind == TimeoutKind.Connect;
            case EzrouterStreamException or EzrouterStreamTruncatedException:
                return false;
            // Anthropic's overloaded_error relayed with another status (new-api sends it as a 500): the same
            // overloaded upstream as a 529, so the same rule as a 529.
            case EzrouterOverloadedException when failure.StatusCode != 529:
                return backoffStatuses.Contains(529) || failure.RetryAfter is not null;
        }
        return failure.StatusCode switch
        {
            503 when failure.ErrorCode == "model_not_found" => retriesSoFar == 0,
            // 408 is a timeout like 504: the request got no answer in time, and sending it again is safe; 529 is an
            // overloaded upstream, relayed without a wait to honour (§18).
            var status when backoffStatuses.Contains(status) => true,
            429 or 529 => failure.RetryAfter is not null,
            _ => false,
        };
    }

    /// <summary>
    /// The wait before retry number <paramref name="retriesSoFar"/> + 1: the server's <c>Retry-After</c> when it sent
    /// one (capped at <paramref name="maxDelay"/>), else full jitter, a uniform draw from
    /// [0, min(maxDelay, baseDelay·2^retriesSoFar)].
    /// </summary>
    public static TimeSpan Delay(EzrouterException failure, int retriesSoFar, TimeSpan baseDelay, TimeSpan maxDelay, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(random);
        if (failure.RetryAfter is { } retryAfter) return retryAfter < maxDelay ? retryAfter : maxDelay;
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retriesSoFar, 30)));
        return TimeSpan.FromMilliseconds(ceiling * random());
    }
}
