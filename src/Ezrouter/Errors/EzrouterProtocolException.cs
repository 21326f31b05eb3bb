using System;

namespace Ezrouter;

/// <summary>The response was not what the API defines: an HTML page with HTTP 200 (the gateway serves its web UI on unknown paths), an unreadable body, or a malformed stream event.</summary>
public sealed class EzrouterProtocolException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterProtocolException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
