using System;

namespace Ezrouter;

/// <summary>The gateway could not reach a working upstream: HTTP 502/503/504 (and 408, a timeout retried like 504), the gateway's 500 <c>do_request_failed</c>, a relayed non-JSON upstream error, or a redeploy page from a proxy.</summary>
public sealed class EzrouterUpstreamUnavailableException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterUpstreamUnavailableException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
