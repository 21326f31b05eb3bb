using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace Ezrouter;

/// <summary>
/// Bounds a whole non-stream call — every attempt, every backoff, and the aggregation of an SSE answer — by
/// <see cref="EzrouterTimeouts.Total"/>. Streams apply the same limit while they are read.
/// </summary>
public sealed class TotalTimeoutHandler : DelegatingHandler
{
    internal static readonly HttpRequestOptionsKey<Deadline> DeadlineKey = new("Ezrouter.TotalTimeoutHandler.Deadline");

    private readonly TimeSpan? _limit;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler; a null limit disables it.</summary>
    public TotalTimeoutHandler(TimeSpan? limit, TimeProvider? timeProvider = null)
    {
        _limit = limit;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        // A stream applies the total limit itself, while it is read (SseAggregationOption.Enabled = false marks one).
        _limit is not { } limit || request.GetRequestOption<SseAggregationOption>() is { Enabled: false }
            ? base.SendAsync(request, cancellationToken)
            : SendWithinAsync(limit, request, cancellationToken);

    private async Task<HttpResponseMessage> SendWithinAsync(TimeSpan limit, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(limit, _time, cancellationToken);
        // So that an SSE answer aggregated inside (SseAggregationHandler) can tell this limit from the caller, and
        // raise it as a typed timeout with what arrived.
        request.Options.Set(DeadlineKey, deadline);
        try
        {
            return await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (deadline.Fired)
        {
            throw new EzrouterTimeoutException(TimeoutKind.Total, limit,
                new EzrouterErrorDetails { Summary = $"the call did not complete within {limit.TotalSeconds:0.###} s" }, e);
        }
        catch (EzrouterException e) when (deadline.Fired && e is not EzrouterTimeoutException)
        {
            // A stream cut by our own cancellation surfaces as a truncation; say what really happened.
            throw new EzrouterTimeoutException(TimeoutKind.Total, limit, e.Details with { Summary = $"the call did not complete within {limit.TotalSeconds:0.###} s" }, e)
            {
                PartialResponse = e.PartialResponse,
            };
        }
    }
}
