using System;
using Ezrouter.Middleware;

namespace Ezrouter;

/// <summary>
/// A wait before a retry, as <see cref="EzrouterRetryHandler"/> is about to start it: passed to
/// <see cref="EzrouterRetryOptions.OnRetryWait"/> once per wait, so an application can say why a call is slow.
/// </summary>
public sealed class EzrouterRetryWait
{
    internal EzrouterRetryWait(EzrouterException failure, TimeSpan delay, int nextAttempt, int maxAttempts, bool fromRetryAfter)
    {
        Failure = failure;
        Delay = delay;
        NextAttempt = nextAttempt;
        MaxAttempts = maxAttempts;
        FromRetryAfter = fromRetryAfter;
    }

    /// <summary>The failure of the attempt that just ended (its status, type and request id).</summary>
    public EzrouterException Failure { get; }

    /// <summary>The HTTP status of that attempt; 0 when no response arrived (a connection failure, a timeout).</summary>
    public int StatusCode => Failure.StatusCode;

    /// <summary>How long the handler waits before the next attempt.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The attempt that follows the wait, counting the first call as 1: 2 for the first retry.</summary>
    public int NextAttempt { get; }

    /// <summary>The most attempts this call makes: <see cref="EzrouterRetryOptions.MaxRetries"/> + 1.</summary>
    public int MaxAttempts { get; }

    /// <summary>
    /// True when the wait is the server's <c>Retry-After</c> (capped at <see cref="EzrouterRetryOptions.MaxDelay"/>);
    /// false when it is the handler's own jittered backoff.
    /// </summary>
    public bool FromRetryAfter { get; }
}
