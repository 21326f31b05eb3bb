using System.Reflection;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Ezrouter.Http;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// A full <see cref="EzrouterClient"/> against a loopback Kestrel server, with the clock injected: each timeout is
/// separate, says which one fired, keeps what arrived, and every result carries its time to first byte.
/// </summary>
public sealed class ClientTimeoutTests
{
    private const string ChatJson = """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-5.2","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""";
    private const string FirstChunk = "data: {\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello, wor\"},\"finish_reason\":null}]}\n\n";

    private readonly ManualTimeProvider _time = new();

    private EzrouterClient Client(LoopbackServer server, Action<EzrouterTimeouts> timeouts)
    {
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = server.BaseUrl, TimeProvider = _time };
        options.Timeouts = new EzrouterTimeouts { Connect = null, FirstByte = null, Idle = null, Total = null };
        timeouts(options.Timeouts);
        return new EzrouterClient(options);
    }

    private static CreateChatCompletionRequest Chat() => new() { Model = "gpt-5.2" };

    /// <summary>A server that sends one SSE chunk, then holds the stream open.</summary>
    private static Task<LoopbackServer> OneChunkThenSilenceAsync()
    {
        LoopbackServer? server = null;
        var started = LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["X-Oneapi-Request-Id"] = "rid-stream";
            await context.Response.WriteAsync(FirstChunk);
            await context.Response.Body.FlushAsync();
            await server!.HoldAsync(context);
        });
        return started.ContinueWith(t => server = t.Result, TaskContinuationOptions.ExecuteSynchronously);
    }

    [Fact]
    public void FactoryBuiltHttpClientHasNoTimeoutOfItsOwn()
    {
        // Act
        using var http = EzrouterClientFactory.CreateHttpClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey });

        // Assert
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public void ClientsHttpClientHasNoTimeoutOfItsOwn()
    {
        // Arrange
        using var client = new EzrouterClient(TestKeys.ApiKey);

        // Act
        var http = (HttpClient)typeof(EzrouterClient).GetField("_ownedHttpClient", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!;

        // Assert
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public async Task ResultExposesItsTimeToFirstByte()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ChatJson);
        });
        using var client = Client(server, _ => { });

        // Act
        var response = await client.Chat.CompleteAsync(Chat());

        // Assert
        Assert.NotNull(response.Info.TimeToFirstByte);
        Assert.Equal(0, response.Info.RetryCount);
    }

    [Fact]
    public async Task StreamExposesItsTimeToFirstByte()
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(FirstChunk.Replace("\"finish_reason\":null", "\"finish_reason\":\"stop\"") + "data: [DONE]\n\n");
        });
        using var client = Client(server, _ => { });
        var stream = client.Chat.CompleteStreamingAsync(Chat());

        // Act
        await foreach (var _ in stream) { }

        // Assert
        Assert.NotNull(stream.ResponseInfo.TimeToFirstByte);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
    }

    [Fact]
    public async Task RetryCountIsVisibleOnTheResult()
    {
        // Arrange
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html>502 Bad Gateway</html>");
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ChatJson);
        });
        using var client = Client(server, _ => { });

        // Act
        var response = await _time.DriveAsync(client.Chat.CompleteAsync(Chat()), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(1, response.Info.RetryCount);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task SilentGatewayRaisesAFirstByteTimeout()
    {
        // Arrange
        LoopbackServer? self = null;
        await using var server = self = await LoopbackServer.StartAsync(context => self!.HoldAsync(context));
        using var client = Client(server, t => t.FirstByte = TimeSpan.FromSeconds(20));

        // Act
        var call = client.Chat.CompleteAsync(Chat());
        await server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(20));
        var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.FirstByte, timeout.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SilentGatewayRaisesATotalTimeoutOnANonStreamCall()
    {
        // Arrange
        LoopbackServer? self = null;
        await using var server = self = await LoopbackServer.StartAsync(context => self!.HoldAsync(context));
        using var client = Client(server, t => t.Total = TimeSpan.FromMinutes(1));

        // Act
        var call = client.Chat.CompleteAsync(Chat());
        await server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.Equal(TimeoutKind.Total, Assert.IsType<EzrouterTimeoutException>(error).Kind);
    }

    [Fact]
    public async Task QuietStreamRaisesAnIdleTimeoutKeepingTheFirstChunk()
    {
        // Arrange
        await using var server = await OneChunkThenSilenceAsync();
        using var client = Client(server, t => t.Idle = TimeSpan.FromSeconds(45));
        var stream = client.Chat.CompleteStreamingAsync(Chat());
        await using var chunks = stream.GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));

        // Act
        var next = chunks.MoveNextAsync().AsTask();
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(45));
        var error = await Record.ExceptionAsync(() => next.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Idle, timeout.Kind);
        Assert.Equal(TimeSpan.FromSeconds(45), timeout.Limit);
        var partial = Assert.IsType<CreateChatCompletionResponse>(timeout.PartialResponse);
        Assert.Equal("Hello, wor", partial.Choices![0].Message!.Content);
        Assert.Equal("rid-stream", timeout.RequestId);
    }

    [Fact]
    public async Task QuietStreamJustUnderTheIdleLimitIsNotCut()
    {
        // Arrange
        await using var server = await OneChunkThenSilenceAsync();
        using var client = Client(server, t => t.Idle = TimeSpan.FromSeconds(45));
        var stream = client.Chat.CompleteStreamingAsync(Chat());
        await using var chunks = stream.GetAsyncEnumerator();
        await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        // Act
        var next = chunks.MoveNextAsync().AsTask();
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(45) - TimeSpan.FromTicks(1));
        var stillWaiting = _time.PendingTimers == 1 && !next.IsCompleted;
        _time.Advance(TimeSpan.FromTicks(1));
        await Record.ExceptionAsync(() => next.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.True(stillWaiting);
    }

    [Fact]
    public async Task QuietStreamRaisesATotalTimeoutKeepingTheFirstChunk()
    {
        // Arrange
        await using var server = await OneChunkThenSilenceAsync();
        using var client = Client(server, t => t.Total = TimeSpan.FromMinutes(3));
        var stream = client.Chat.CompleteStreamingAsync(Chat());
        await using var chunks = stream.GetAsyncEnumerator();
        await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        // Act
        var next = chunks.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromMinutes(3));
        var error = await Record.ExceptionAsync(() => next.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Total, timeout.Kind);
        Assert.Equal("Hello, wor", Assert.IsType<CreateChatCompletionResponse>(timeout.PartialResponse).Choices![0].Message!.Content);
    }

    [Fact]
    public async Task SseAnswerStallingMidwayRaisesATotalTimeoutKeepingWhatArrived()
    {
        // Arrange: a non-stream call the gateway answers with SSE (as it does), which stops after one chunk. The body
        // says when the client, having read that chunk, waits for more: only then does the clock move.
        var body = new OneChunkThenWaitStream(FirstChunk);
        var transport = new AnsweringHandler(() =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", "rid-stream");
            return response;
        });
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = transport, TimeProvider = _time };
        options.Timeouts = new EzrouterTimeouts { Connect = null, FirstByte = null, Idle = null, Total = TimeSpan.FromMinutes(3) };
        using var client = new EzrouterClient(options);

        // Act
        var call = client.Chat.CompleteAsync(Chat());
        await body.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromMinutes(3));
        var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Total, timeout.Kind);
        Assert.Equal(TimeSpan.FromMinutes(3), timeout.Limit);
        Assert.Equal("rid-stream", timeout.RequestId);
        Assert.Equal("Hello, wor", Assert.IsType<CreateChatCompletionResponse>(timeout.PartialResponse).Choices![0].Message!.Content);
    }

    private sealed class AnsweringHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }
}
