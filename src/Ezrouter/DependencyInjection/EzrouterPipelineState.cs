using System;
using System.Threading;
using Ezrouter.Middleware;

namespace Ezrouter.DependencyInjection;

/// <summary>
/// What one registration's handler chains share across IHttpClientFactory's rotations: the client to tell about a new
/// gateway build (the handlers are built by the factory, after the client), the adaptive concurrency limit learnt
/// so far, and the rate limits the pacer has seen (and the calls waiting on it).
/// </summary>
internal sealed class EzrouterPipelineState
{
    private Action<string>? _onGatewayVersion;
    private AdaptiveConcurrencyLimiter? _limiter;
    private RateLimitPacer? _pacer;

    public void OnGatewayVersion(string version) => Volatile.Read(ref _onGatewayVersion)?.Invoke(version);

    public void ListenForGatewayVersion(Action<string> listener) => Volatile.Write(ref _onGatewayVersion, listener);

    public AdaptiveConcurrencyLimiter? Limiter(EzrouterClientOptions options)
    {
        if (options.Concurrency is not { } concurrency) return null;
        var created = new AdaptiveConcurrencyLimiter(concurrency, options.TimeProvider);
        return Interlocked.CompareExchange(ref _limiter, created, null) ?? created;
    }

    public RateLimitPacer? Pacer(EzrouterClientOptions options)
    {
        if (Middleware.Options.RateLimitPacingOptions.For(options.RateLimitPacing, options.Profile) is not { } pacing) return null;
        if (Volatile.Read(ref _pacer) is { } existing) return existing;
        var created = new RateLimitPacer(pacing, options.TimeProvider);
        return Interlocked.CompareExchange(ref _pacer, created, null) ?? created;
    }
}
