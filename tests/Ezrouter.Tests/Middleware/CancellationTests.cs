using Ezrouter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// Cancellation over a real socket: a cancelled call is a cancellation, never a typed error, and it lets go of the
/// connection at once — the server sees the disconnect within 1 s, well under the 2 s a SocketsHttpHandler spends
/// draining an unread body by default.
/// </summary>
public sealed class CancellationTests
{
    private const string FirstChunk = "data: {\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n";

    private static EzrouterClient Client(LoopbackServer server) => new(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = server.BaseUrl });

    private static async Task<LoopbackServer> HoldingServerAsync(bool sendFirstChunk)
    {
        LoopbackServer? server = null;
        server = await LoopbackServer.StartAsync(async context =>
        {
            if (sendFirstChunk)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync(FirstChunk);
                await context.Response.Body.FlushAsync();
            }
            await server!.HoldAsync(context);
        });
        return server;
    }

    [Fact]
    public async Task CancelledCallThrowsOperationCanceledNotATypedError()
    {
        // Arrange
        await using var server = await HoldingServerAsync(sendFirstChunk: false);
        using var client = Client(server);
        using var cancel = new CancellationTokenSource();

        // Act
        var call = client.Chat.CompleteAsync(new() { Model = "gpt-5.2" }, cancel.Token);
        await server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(5));
        cancel.Cancel();
        var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        await server.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task AlreadyCancelledTokenSendsNothing()
    {
        // Arrange
        await using var server = await HoldingServerAsync(sendFirstChunk: false);
        using var client = Client(server);

        // Act
        var error = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(new() { Model = "gpt-5.2" }, new CancellationToken(true)));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CancelledStreamThrowsOperationCanceledAndReleasesItsConnectionAtOnce()
    {
        // Arrange
        await using var server = await HoldingServerAsync(sendFirstChunk: true);
        using var client = Client(server);
        using var cancel = new CancellationTokenSource();
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "gpt-5.2" }, cancel.Token);

        // Act
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in stream)
                cancel.Cancel();
        });

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        await server.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task StreamCancelledThroughWithCancellationUnderLimitsIsACancellationNotATimeout()
    {
        // Arrange: both caller tokens and both limits share one source; which fired must still be told apart.
        await using var server = await HoldingServerAsync(sendFirstChunk: true);
        using var client = new EzrouterClient(new EzrouterClientOptions
        {
            ApiKey = TestKeys.ApiKey,
            BaseUrl = server.BaseUrl,
            Timeouts = { Total = TimeSpan.FromMinutes(10), Idle = TimeSpan.FromMinutes(5) },
        });
        using var creation = new CancellationTokenSource();
        using var enumeration = new CancellationTokenSource();

        // Act
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in client.Chat.CompleteStreamingAsync(new() { Model = "gpt-5.2" }, creation.Token).WithCancellation(enumeration.Token))
                enumeration.Cancel();
        });

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.IsNotType<EzrouterTimeoutException>(error);
        await server.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task StreamLeftEarlyReleasesItsConnectionAtOnce()
    {
        // Arrange
        await using var server = await HoldingServerAsync(sendFirstChunk: true);
        using var client = Client(server);

        // Act
        await foreach (var _ in client.Chat.CompleteStreamingAsync(new() { Model = "gpt-5.2" }))
            break;

        // Assert
        await server.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task CancelledAnthropicStreamThrowsOperationCanceled()
    {
        // Arrange
        LoopbackServer? server = null;
        server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n\n");
            await context.Response.Body.FlushAsync();
            await server!.HoldAsync(context);
        });
        await using var _server = server;
        using var client = Client(server);
        using var cancel = new CancellationTokenSource();

        // Act
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in client.Messages.CreateStreamingAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16 }, cancel.Token))
                cancel.Cancel();
        });

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        await server.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(1));
    }
}
