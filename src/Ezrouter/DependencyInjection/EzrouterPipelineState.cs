using System;
using System.Threading;
using Ezrouter.Middleware;

namespace Ezrouter.DependencyInjection;

/// <summary>
/// What one registration's handler chains share across IHttpClientFactory's rotations: the client to tell about a new
/// gateway build (the handlers are built by the factory, after the client) and the adaptive concurrency limit learnt
/// so far.
/// </summary>
internal sealed class EzrouterPipelineState
{
    private Action<string>? _onGatewayVersion;
    private AdaptiveConcurrencyLimiter? _limiter;

    public void OnGatewayVersion(string version) => Volatile.Read(ref _onGatewayVersion)?.Invoke(version);

    public void ListenForGatewayVersion(Action<string> listener) => Volatile.Write(ref _onGatewayVersion, listener);

    public AdaptiveConcurrencyLimiter? Limiter(EzrouterClientOptions options)
    {
        if (options.Concurrency is not { } concurrency) return null;
        var created = new AdaptiveConcurrencyLimiter(concurrency, options.TimeProvider);
        return Interlocked.CompareExchange(ref _limiter, created, null) ?? created;
    }
}
