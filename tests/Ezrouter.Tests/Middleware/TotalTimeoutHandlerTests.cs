using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="TotalTimeoutHandler"/>: one limit over every attempt and every backoff of a call.</summary>
public sealed class TotalTimeoutHandlerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();

    [Fact]
    public async Task NoResponseWithinTheLimitRaisesATotalTimeout()
    {
        // Arrange
        var never = new TaskCompletionSource<HttpResponseMessage>();
        _mock.When("*").Respond(() => never.Task);
        using var invoker = HandlerChain.Invoker(_mock, new TotalTimeoutHandler(TimeSpan.FromMinutes(2), _time));

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromMinutes(2));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Total, timeout.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), timeout.Limit);
    }

    [Fact]
    public async Task LimitCoversRetriesAndBackoff()
    {
        // Arrange: 503 with Retry-After 3 s, repeatedly; a 5 s limit ends the call during the second backoff.
        var attempts = 0;
        _mock.When("*").Respond(_ =>
        {
            Interlocked.Increment(ref attempts);
            var response = ErrorResponses.Response(503, "<html>busy</html>", "text/html");
            response.Headers.TryAddWithoutValidation("Retry-After", "3");
            return response;
        });
        using var invoker = HandlerChain.Invoker(_mock,
            new TotalTimeoutHandler(TimeSpan.FromSeconds(5), _time),
            new EzrouterRetryHandler(new EzrouterRetryOptions { MaxRetries = 10 }, _time),
            new EzrouterErrorHandler());

        // Act: the total limit's timer plus one backoff timer are armed after each failed attempt.
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await _time.WaitForTimerAsync(count: 2);
        _time.Advance(TimeSpan.FromSeconds(3));
        await _time.WaitForTimerAsync(count: 2);
        _time.Advance(TimeSpan.FromSeconds(2));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.Equal(TimeoutKind.Total, Assert.IsType<EzrouterTimeoutException>(error).Kind);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task SseAnswerAggregatedInsideKeepsWhatArrivedWhenTheLimitFires()
    {
        // Arrange: our handlers under a plain Kiota adapter; the gateway answers SSE, sends one chunk, then stalls.
        var body = new OneChunkThenWaitStream("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Half\"},\"finish_reason\":null}]}\n\n");
        _mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", "rid-agg");
            return response;
        });
        using var invoker = HandlerChain.Invoker(_mock,
            new TotalTimeoutHandler(TimeSpan.FromMinutes(2), _time),
            new SseAggregationHandler(new EzrouterTimeouts { Idle = null }, _time));

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await body.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromMinutes(2));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Total, timeout.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), timeout.Limit);
        Assert.Equal("rid-agg", timeout.RequestId);
        var partial = Assert.IsType<Ezrouter.Generated.OpenAi.Models.CreateChatCompletionResponse>(timeout.PartialResponse);
        Assert.Equal("Half", partial.Choices![0].Message!.Content);
    }

    [Fact]
    public async Task CallerCancellingAnAggregatedSseAnswerIsACancellation()
    {
        // Arrange
        var body = new OneChunkThenWaitStream("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n");
        _mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        using var invoker = HandlerChain.Invoker(_mock,
            new TotalTimeoutHandler(TimeSpan.FromMinutes(2), _time),
            new SseAggregationHandler(new EzrouterTimeouts { Idle = null }, _time));
        using var cancel = new CancellationTokenSource();

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), cancel.Token);
        await body.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(5));
        cancel.Cancel();
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task CallerCancellationIsNotReportedAsATimeout()
    {
        // Arrange
        var never = new TaskCompletionSource<HttpResponseMessage>();
        _mock.When("*").Respond(() => never.Task);
        using var invoker = HandlerChain.Invoker(_mock, new TotalTimeoutHandler(TimeSpan.FromMinutes(2), _time));
        using var cancel = new CancellationTokenSource();

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), cancel.Token);
        await _time.WaitForTimerAsync();
        cancel.Cancel();
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task ResponseWithinTheLimitPassesThroughAndDisarmsTheTimer()
    {
        // Arrange
        _mock.When("*").Respond(HttpStatusCode.OK);
        using var invoker = HandlerChain.Invoker(_mock, new TotalTimeoutHandler(TimeSpan.FromMinutes(2), _time));

        // Act
        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _time.PendingTimers);
    }
}
