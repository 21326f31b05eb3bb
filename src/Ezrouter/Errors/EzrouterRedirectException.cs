using System;

namespace Ezrouter;

/// <summary>
/// The gateway answered with a redirect (HTTP 3xx). Redirects are never followed: the request carries the API key,
/// and following would send it to whatever host <see cref="Location"/> names. If that host is the gateway's new
/// address, point the client's base URL at it.
/// </summary>
public sealed class EzrouterRedirectException : EzrouterException
{
    /// <summary>Creates the exception from the details read off the response.</summary>
    public EzrouterRedirectException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
        // Read from the exception's own details, which the base constructor has redacted.
        Location = Details.Headers is { } headers && headers.TryGetValue("Location", out var values)
            && Uri.TryCreate(System.Linq.Enumerable.FirstOrDefault(values), UriKind.RelativeOrAbsolute, out var location) ? location : null;
    }

    /// <summary>Where the redirect points (the <c>Location</c> header), when it sent a readable one.</summary>
    public Uri? Location { get; }
}
