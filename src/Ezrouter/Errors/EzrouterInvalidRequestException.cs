using System;

namespace Ezrouter;

/// <summary>
/// The gateway or the upstream rejected the request: HTTP 400, 404 (unknown path), 405, 422 and any other 4xx no more
/// specific type describes, and the gateway's HTTP 500
/// <c>invalid_request</c> for a body that fails validation. Also raised, with <see cref="EzrouterException.StatusCode"/>
/// 0 and nothing sent, when the request body cannot be written as JSON.
/// </summary>
public sealed class EzrouterInvalidRequestException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterInvalidRequestException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
