using System;

namespace Ezrouter;

/// <summary>
/// A stream ended without finishing: the connection closed before <c>data: [DONE]</c> / <c>message_stop</c>, or
/// <c>[DONE]</c> arrived with no finish reason (the gateway's idle cut-off). <see cref="EzrouterException.PartialResponse"/>
/// holds what arrived.
/// </summary>
public sealed class EzrouterStreamTruncatedException : EzrouterException
{
    /// <summary>Creates the exception.</summary>
    public EzrouterStreamTruncatedException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
