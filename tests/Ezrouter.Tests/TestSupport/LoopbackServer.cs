using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ezrouter.Tests.TestSupport;

/// <summary>
/// A Kestrel app on 127.0.0.1 with a port of its own, playing the gateway over a real socket. It records every
/// request (method, path, headers, body) before handing it to the test's handler. Handlers that hold a response open
/// wait on <see cref="HoldAsync"/>, which ends when the client goes away or the server stops, so no test hangs.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes when the first request arrives.</summary>
    public TaskCompletionSource<RecordedRequest> FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a client disconnects before its response is finished (the first time it happens).</summary>
    public TaskCompletionSource RequestAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, RecordedRequest, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
            server!.Requests.Enqueue(recorded);
            server.FirstRequest.TrySetResult(recorded);
            context.RequestAborted.Register(() => server.RequestAborted.TrySetResult());
            await handler(context, recorded);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public static Task<LoopbackServer> StartAsync(RequestDelegate handler) => StartAsync((context, _) => handler(context));

    /// <summary>Keeps a response open until the client disconnects or the server stops.</summary>
    public async Task HoldAsync(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the loopback server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
