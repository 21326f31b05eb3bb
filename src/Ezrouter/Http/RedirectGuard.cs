using System;
using System.Net.Http;

namespace Ezrouter.Http;

/// <summary>
/// Keeps the key at home on a transport the caller gives (docs/gateway-behavior.md §1). A handler that follows
/// redirects re-sends the request, headers and all, to whatever <c>Location</c> says; .NET drops
/// <c>Authorization</c> on the way but not <c>x-api-key</c>. No handler of ours can stand between the hops (they
/// happen inside the transport), so the transport must not follow them: the 3xx then reaches the pipeline as a
/// response, and <c>EzrouterErrorHandler</c> raises it as an error.
/// </summary>
internal static class RedirectGuard
{
    /// <summary>
    /// Turns redirects off on the platform handler at the end of <paramref name="transport"/>'s chain (through any
    /// <see cref="DelegatingHandler"/>s). A handler of another kind is the caller's to configure.
    /// </summary>
    /// <exception cref="ArgumentException">The handler follows redirects and has already sent a request, so it can no longer be changed.</exception>
    public static void Disable(HttpMessageHandler transport)
    {
        var terminal = transport;
        // Bounded: a chain that loops back on itself would otherwise spin here.
        for (var depth = 0; terminal is DelegatingHandler { InnerHandler: { } inner } && depth < 64; depth++) terminal = inner;
        try
        {
            switch (terminal)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } client:
                    client.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException e)
        {
            // The platform refuses to change a handler once it has sent a request.
            throw new ArgumentException(
                $"EzrouterClientOptions.Transport ends in a {terminal.GetType().Name} that follows redirects (AllowAutoRedirect = true) and has " +
                "already sent requests, so it can no longer be changed; a redirect would carry the API key to another host. " +
                "Set AllowAutoRedirect = false on it before its first use, or leave Transport unset.", nameof(EzrouterClientOptions.Transport), e);
        }
    }

    /// <summary>
    /// True when the response came from another host than the request was sent to: a transport of a kind
    /// <see cref="Disable"/> cannot reach followed a redirect.
    /// </summary>
    public static bool Followed(Uri? sentTo, HttpResponseMessage response) =>
        sentTo is not null && response.RequestMessage?.RequestUri is { } answeredFor
        && Uri.Compare(sentTo, answeredFor, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0;
}
