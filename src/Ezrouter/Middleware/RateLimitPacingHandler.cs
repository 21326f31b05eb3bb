using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Middleware.Options;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace Ezrouter.Middleware;

/// <summary>
/// Holds each attempt until the gateway's rate limits allow it (a <see cref="RateLimitPacer"/>), then keeps its slot
/// until the response body is released (a stream holds its slot until the caller disposes it), and teaches the pacer
/// what each answer says: the <c>x-ratelimit-*</c> and <c>x-concurrent-*</c> headers, the <c>Date</c>, and a 429's
/// <c>Retry-After</c>. Calls beyond the limits wait in the client, under the call's token (the caller's and the
/// call's total time limit), instead of being sent to be refused. Its option class is
/// <see cref="RateLimitPacingOptions"/>, client-wide only (its remarks say why).
/// </summary>
/// <remarks>
/// Gateway: docs/gateway-behavior.md §23. It sits inside <see cref="EzrouterRetryHandler"/>, so every attempt is paced
/// and a backoff holds no slot; a 429 that does cross the wire is retried by the retry handler, after the wait the
/// pacer now also holds every other request to (the <c>Retry-After</c>, capped as the retry handler caps it).
/// </remarks>
public sealed class RateLimitPacingHandler : DelegatingHandler
{
    private readonly RateLimitPacer _pacer;
    private readonly EzrouterRetryOptions? _retry;

    /// <summary>Creates the handler over a pacer (which may be shared by several pipelines of one client).</summary>
    /// <param name="pacer">What the client knows of its limits.</param>
    /// <param name="retryOptions">
    /// The client's retry options: a 429's <c>Retry-After</c> holds the other calls no longer than their
    /// <see cref="EzrouterRetryOptions.MaxDelay"/> (a request's own options win), the wait the caller allows a server
    /// to ask for. Null: the defaults.
    /// </param>
    public RateLimitPacingHandler(RateLimitPacer pacer, EzrouterRetryOptions? retryOptions = null)
    {
        _pacer = pacer ?? throw new ArgumentNullException(nameof(pacer));
        _retry = retryOptions?.Clone();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var permit = await _pacer.AcquireAsync(cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (EzrouterException e) when (e.StatusCode != 0)
        {
            // An answer, if a failed one: its headers count as much as a success's.
            _pacer.Observe(permit, e.RateLimit, ServerDate(e.Details.Headers), e.StatusCode == 429 ? Allowed(request, e.RetryAfter) : null);
            permit.Dispose();
            throw;
        }
        catch
        {
            permit.Dispose();
            throw;
        }
        _pacer.Observe(permit, EzrouterRateLimit.From(response), response.Headers.Date, retryAfter: null);
        if (response.Content is AggregatedContent)
        {
            // An SSE answer read to the end inside: nothing is left on the wire to hold a slot for.
            permit.Dispose();
            return response;
        }
        response.Content = new LeasedContent(response.Content, permit);
        return response;
    }

    // The caller caps how long a server's Retry-After may hold a call (EzrouterRetryOptions.MaxDelay).
    private TimeSpan? Allowed(HttpRequestMessage request, TimeSpan? retryAfter)
    {
        if (retryAfter is not { } wait) return null;
        var cap = (request.GetRequestOption<EzrouterRetryOptions>() ?? _retry)?.MaxDelay ?? new EzrouterRetryOptions().MaxDelay;
        return wait < cap ? wait : cap;
    }

    // The Date header as the error kept it (HTTP's fixed date format); null when absent or unreadable.
    private static DateTimeOffset? ServerDate(IDictionary<string, IEnumerable<string>> headers)
    {
        foreach (var (name, values) in headers)
        {
            if (!string.Equals(name, "Date", StringComparison.OrdinalIgnoreCase)) continue;
            return DateTimeOffset.TryParseExact(values.FirstOrDefault()?.Trim(), "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null;
        }
        return null;
    }
}
