using System;

namespace Ezrouter;

/// <summary>No response arrived: the connection failed or dropped before the response headers.</summary>
public sealed class EzrouterConnectionException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterConnectionException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
