using System;

namespace Ezrouter;

/// <summary>Rate limited (HTTP 429). ezrouter normally queues instead of sending 429; see <see cref="EzrouterException.RetryAfter"/>.</summary>
public sealed class EzrouterRateLimitException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterRateLimitException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
