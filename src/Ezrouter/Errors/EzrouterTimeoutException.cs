using System;

namespace Ezrouter;

/// <summary>One of the client's own timeouts fired; <see cref="Kind"/> says which. A stream keeps what arrived in <see cref="EzrouterException.PartialResponse"/>.</summary>
public sealed class EzrouterTimeoutException : EzrouterException
{
    /// <summary>Creates the exception.</summary>
    public EzrouterTimeoutException(TimeoutKind kind, TimeSpan limit, EzrouterErrorDetails details, Exception? innerException = null)
        : base(details, innerException)
    {
        Kind = kind;
        Limit = limit;
    }

    /// <summary>Which timeout fired.</summary>
    public TimeoutKind Kind { get; }

    /// <summary>The limit that was exceeded.</summary>
    public TimeSpan Limit { get; }
}
