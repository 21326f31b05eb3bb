using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter;

/// <summary>
/// Fails an attempt whose response headers do not arrive within <see cref="EzrouterTimeouts.FirstByte"/>, with an
/// <see cref="EzrouterTimeoutException"/> of kind <see cref="TimeoutKind.FirstByte"/>. It sits inside the retry
/// handler, so the limit applies to each attempt.
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
        if (_limit is not { } limit) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var deadline = new Deadline(limit, _time, cancellationToken);
        try
        {
            return await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (deadline.Fired)
        {
            throw new EzrouterTimeoutException(TimeoutKind.FirstByte, limit,
                new EzrouterErrorDetails { Summary = $"no response headers within {limit.TotalSeconds:0.###} s (the gateway queues silently under load)" }, e);
        }
    }
}
