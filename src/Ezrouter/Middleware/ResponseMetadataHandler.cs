using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Ezrouter.Http;

namespace Ezrouter.Middleware;

/// <summary>
/// Records, for every attempt, the gateway's request id and build, the status and the time to first byte into the
/// request's <see cref="EzrouterResponseInfo"/> (if the caller added one), and tells the client which gateway build
/// answered last so the model catalog can refresh after a redeploy.
/// </summary>
/// <remarks>
/// It has no option class to configure it: nothing about what it records is a setting. Its per-request option is the
/// <see cref="EzrouterResponseInfo"/> it fills in; the gateway-version callback belongs to the client (its model
/// catalog), and a request that wants the build reads <see cref="EzrouterResponseInfo.GatewayVersion"/> instead.
/// </remarks>
public sealed class ResponseMetadataHandler : DelegatingHandler
{
    /// <summary>Where each attempt's time to first byte is left on the request, for handlers further out.</summary>
    internal static readonly HttpRequestOptionsKey<TimeSpan> TimeToFirstByteKey = new("ezrouter.time_to_first_byte");

    private readonly TimeProvider _time;
    private readonly Action<string>? _onGatewayVersion;

    /// <summary>Creates the handler.</summary>
    public ResponseMetadataHandler(TimeProvider? timeProvider = null, Action<string>? onGatewayVersion = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _onGatewayVersion = onGatewayVersion;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        request.Options.Set(TimeToFirstByteKey, elapsed);
        var version = EzrouterHeaders.First(response, EzrouterHeaders.Version);
        if (version is not null) _onGatewayVersion?.Invoke(version);
        request.GetRequestOption<EzrouterResponseInfo>()?.Capture(response, elapsed);
        return response;
    }
}
