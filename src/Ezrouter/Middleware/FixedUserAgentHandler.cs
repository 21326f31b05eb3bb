using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Middleware;

/// <summary>
/// Sends one User-Agent, exactly as given, in place of Kiota's <c>UserAgentHandler</c> (which only ever appends a
/// product token): a gateway's firewall may refuse anything but the value the caller chose
/// (<see cref="EzrouterClientOptions.UserAgent"/>, <see cref="Profiles.GatewayProfile.UserAgent"/>).
/// </summary>
internal sealed class FixedUserAgentHandler : DelegatingHandler
{
    private readonly string _userAgent;

    public FixedUserAgentHandler(string userAgent)
    {
        // A header value with a line break could smuggle a header in; refused when the client is built.
        if (string.IsNullOrWhiteSpace(userAgent) || userAgent.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException("The User-Agent must be non-empty text on one line.", nameof(userAgent));
        _userAgent = userAgent.Trim();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        return base.SendAsync(request, cancellationToken);
    }
}
