using System;

namespace Ezrouter;

/// <summary>The key may not do this (HTTP 403): access denied, a blocked IP or user, or a channel-pinned key.</summary>
public class EzrouterPermissionException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterPermissionException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
