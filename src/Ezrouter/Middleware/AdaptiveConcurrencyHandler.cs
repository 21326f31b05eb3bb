using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Middleware;

/// <summary>
/// Holds each request to a slot of an <see cref="AdaptiveConcurrencyLimiter"/> from sending until its response body
/// is released (a stream holds its slot until the caller disposes it), and feeds each attempt's time to first byte,
/// as <see cref="ResponseMetadataHandler"/> measured it, into the limit. Its option class is
/// <see cref="EzrouterConcurrencyOptions"/>, client-wide only (its remarks say why a request cannot override it).
/// </summary>
public sealed class AdaptiveConcurrencyHandler : DelegatingHandler
{
    private readonly AdaptiveConcurrencyLimiter _limiter;

    /// <summary>Creates the handler over a limiter (which may be shared by several pipelines).</summary>
    public AdaptiveConcurrencyHandler(AdaptiveConcurrencyLimiter limiter) => _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        ((IDictionary<string, object?>)request.Options).Remove(ResponseMetadataHandler.TimeToFirstByteKey.Key);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (EzrouterTimeoutException e) when (e.Kind == TimeoutKind.FirstByte)
        {
            lease.Dispose();
            _limiter.Report(e.Limit);
            throw;
        }
        catch
        {
            lease.Dispose();
            ReportFrom(request);
            throw;
        }
        ReportFrom(request);
        if (response.Content is AggregatedContent)
        {
            // An SSE answer read to the end inside: nothing is left on the wire to hold a slot for, and the model
            // must reach the request adapter as it is.
            lease.Dispose();
            return response;
        }
        response.Content = new LeasedContent(response.Content, lease);
        return response;
    }

    private void ReportFrom(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(ResponseMetadataHandler.TimeToFirstByteKey, out var ttfb)) _limiter.Report(ttfb);
    }
}
