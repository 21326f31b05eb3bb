using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Ezrouter.Http;

namespace Ezrouter.Middleware;

/// <summary>
/// Opens the call's <see cref="CallScope"/> when the request does not carry one (a plain Kiota adapter over these
/// handlers; <see cref="EzrouterClient"/>'s calls open theirs before sending), so that one limit,
/// <see cref="EzrouterTimeouts.Total"/>, bounds every attempt, every backoff and the aggregation of an SSE answer,
/// and raises it as an <see cref="EzrouterTimeoutException"/> of kind <see cref="TimeoutKind.Total"/>. Its option
/// is <see cref="EzrouterTimeouts"/>; a request overrides the handler's by carrying one in its options.
/// </summary>
public sealed class TotalTimeoutHandler : DelegatingHandler
{
    private readonly EzrouterTimeouts _limits;
    private readonly TimeProvider _time;
    private readonly string? _secret;
    private readonly EzrouterLimits? _bounds;

    /// <summary>
    /// Creates the handler with this total limit (null: none) and the other limits of the call (the idle limit an SSE
    /// answer is read with) at their defaults.
    /// </summary>
    public TotalTimeoutHandler(TimeSpan? limit, TimeProvider? timeProvider = null)
        : this(new EzrouterTimeouts { Total = limit }, timeProvider)
    {
    }

    /// <summary>
    /// Creates the handler with the call's limits (<paramref name="limits"/> is copied): the total here, the others by
    /// the handlers and readers inside that read the scope; <paramref name="secret"/> (the API key) is redacted from
    /// anything an error keeps.
    /// </summary>
    public TotalTimeoutHandler(EzrouterTimeouts limits, TimeProvider? timeProvider = null, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits.Clone();
        _time = timeProvider ?? TimeProvider.System;
        _secret = secret;
    }

    /// <summary>
    /// As <see cref="TotalTimeoutHandler(EzrouterTimeouts, TimeProvider?, string?)"/>, with the memory bounds
    /// (<paramref name="bounds"/>, copied) that the readers inside hold a call to: what the client's
    /// <see cref="EzrouterClientOptions.Limits"/> set, on a plain Kiota pipeline too.
    /// </summary>
    public TotalTimeoutHandler(EzrouterTimeouts limits, TimeProvider? timeProvider, string? secret, EzrouterLimits bounds)
        : this(limits, timeProvider, secret)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        _bounds = bounds.Clone();
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        // A call that opened its scope already is sent with the scope's token, and raises its limits itself.
        CallScope.Of(request) is not null ? base.SendAsync(request, cancellationToken) : SendInScopeAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendInScopeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limits = request.GetRequestOption<EzrouterTimeouts>()?.Clone() ?? _limits;
        var info = request.GetRequestOption<EzrouterResponseInfo>() ?? new EzrouterResponseInfo();
        using var scope = new CallScope(limits, _time, info, _secret, cancellationToken, bounds: _bounds);
        scope.AttachTo(request);
        try
        {
            return await base.SendAsync(request, scope.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (scope.LimitExceeded(e, Summary(limits)) is { } timeout)
        {
            throw timeout;
        }
    }

    private static string? Summary(EzrouterTimeouts limits) =>
        limits.Total is { } total ? $"the call did not complete within {total.TotalSeconds:0.###} s" : null;
}
