using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="FirstByteTimeoutHandler"/>: the gateway queues silently under load, so headers that never come need a limit of their own.</summary>
public sealed class FirstByteTimeoutHandlerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();
    private readonly TaskCompletionSource<HttpResponseMessage> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HttpMessageInvoker Invoker(TimeSpan? limit)
    {
        _mock.When("*").Respond(() => _headers.Task);
        return HandlerChain.Invoker(_mock, new FirstByteTimeoutHandler(limit, _time));
    }

    [Fact]
    public async Task NoHeadersWithinTheLimitRaisesAFirstByteTimeout()
    {
        // Arrange
        using var invoker = Invoker(TimeSpan.FromSeconds(30));

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.FirstByte, timeout.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), timeout.Limit);
        Assert.Contains("no response headers within 30 s", timeout.Message);
        Assert.Null(timeout.PartialResponse);
    }

    [Fact]
    public async Task HeadersJustBeforeTheLimitPassThrough()
    {
        // Arrange
        using var invoker = Invoker(TimeSpan.FromSeconds(30));

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        _headers.SetResult(new HttpResponseMessage(HttpStatusCode.OK));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _time.PendingTimers);
    }

    [Fact]
    public async Task CallerCancellationIsNotReportedAsATimeout()
    {
        // Arrange
        using var invoker = Invoker(TimeSpan.FromSeconds(30));
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
    public async Task NullLimitArmsNoTimer()
    {
        // Arrange
        using var invoker = Invoker(null);

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        var armed = _time.PendingTimers;
        _headers.SetResult(new HttpResponseMessage(HttpStatusCode.OK));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(0, armed);
    }

    [Fact]
    public async Task FirstByteTimeoutIsNotRetried()
    {
        // Arrange
        var attempts = 0;
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _mock.When("*").Respond(() => { Interlocked.Increment(ref attempts); sent.TrySetResult(); return _headers.Task; });
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterRetryHandler(null, _time), new FirstByteTimeoutHandler(TimeSpan.FromSeconds(5), _time), new EzrouterErrorHandler());

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.Equal(TimeoutKind.FirstByte, Assert.IsType<EzrouterTimeoutException>(error).Kind);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task LimitAppliesToEachAttempt()
    {
        // Arrange: each attempt answers after 4 s of a 5 s limit; together they take 8 s.
        var answers = new[] { new TaskCompletionSource<HttpResponseMessage>(), new TaskCompletionSource<HttpResponseMessage>() };
        var started = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var attempts = 0;
        _mock.When("*").Respond(() =>
        {
            var attempt = Interlocked.Increment(ref attempts) - 1;
            started[attempt].SetResult();
            return answers[attempt].Task;
        });
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterRetryHandler(null, _time), new FirstByteTimeoutHandler(TimeSpan.FromSeconds(5), _time), new EzrouterErrorHandler());
        var retryAtOnce = ErrorResponses.Response(502, "", null);
        retryAtOnce.Headers.TryAddWithoutValidation("retry-after-ms", "0");

        // Act
        var send = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await started[0].Task.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));
        answers[0].SetResult(retryAtOnce);
        await started[1].Task.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));
        answers[1].SetResult(new HttpResponseMessage(HttpStatusCode.OK));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, attempts);
    }
}
