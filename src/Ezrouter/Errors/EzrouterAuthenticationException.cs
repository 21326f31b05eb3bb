using System;

namespace Ezrouter;

/// <summary>The API key was missing, wrong, expired or exhausted (HTTP 401; the gateway sends an empty code).</summary>
public sealed class EzrouterAuthenticationException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterAuthenticationException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
