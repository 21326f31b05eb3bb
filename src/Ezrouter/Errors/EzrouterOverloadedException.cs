using System;

namespace Ezrouter;

/// <summary>The upstream is overloaded (HTTP 529 or <c>overloaded_error</c>).</summary>
public sealed class EzrouterOverloadedException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterOverloadedException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
