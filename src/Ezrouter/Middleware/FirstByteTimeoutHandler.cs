using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Ezrouter.Http;

namespace Ezrouter.Middleware;

/// <summary>
/// Fails an attempt whose response headers do not arrive within <see cref="EzrouterTimeouts.FirstByte"/>, with an
/// <see cref="EzrouterTimeoutException"/> of kind <see cref="TimeoutKind.FirstByte"/>. It sits inside the retry
/// handler, so the limit applies to each attempt. A request overrides the handler's limit by carrying an
/// <see cref="EzrouterTimeouts"/> in its options.
/// </summary>
public sealed class FirstByteTimeoutHandler : DelegatingHandler
{
    private readonly TimeSpan? _limit;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler; a null limit disables it.</summary>
    public FirstByteTimeoutHandler(TimeSpan? limit, TimeProvider? timeProvider = null)
    {
        _limit = limit;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var overrides = request.GetRequestOption<EzrouterTimeouts>();
        if ((overrides is null ? _limit : overrides.FirstByte) is not { } limit)
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var attempt = CallScope.StartAttempt(limit, _time, cancellationToken);
        try
        {
            return await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (attempt.Fired)
        {
            throw new EzrouterTimeoutException(TimeoutKind.FirstByte, limit,
                new EzrouterErrorDetails { Summary = $"no response headers within {limit.TotalSeconds:0.###} s (the gateway queues silently under load)" }, e);
        }
    }
}
