using System;

namespace Ezrouter;

/// <summary>
/// The gateway or its upstream failed in a way no more specific type describes: a gateway panic
/// (<c>new_api_panic</c>, whatever the status), a 5xx other than the unavailability statuses (an internal error), a
/// models list answered with <c>success: false</c> (the gateway could not look up the key's group), or an error
/// envelope relayed with HTTP 200 whose type this SDK does not know. Not retried by default.
/// </summary>
public sealed class EzrouterServerException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterServerException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
