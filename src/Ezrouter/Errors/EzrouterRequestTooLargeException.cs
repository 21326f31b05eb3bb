using System;

namespace Ezrouter;

/// <summary>The request body was too large (HTTP 413).</summary>
public sealed class EzrouterRequestTooLargeException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterRequestTooLargeException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
