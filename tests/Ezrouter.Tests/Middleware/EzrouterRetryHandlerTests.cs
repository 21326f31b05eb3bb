using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="EzrouterRetryHandler"/> over <see cref="EzrouterErrorHandler"/> and MockHttp, with the clock injected:
/// backoff waits are timers on a <see cref="ManualTimeProvider"/> that the test moves, so nothing sleeps.
/// </summary>
public sealed partial class EzrouterRetryHandlerTests
{
    private const string Ok = """{"id":"chatcmpl-1","object":"chat.completion","choices":[]}""";
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();
    private readonly List<string> _bodies = [];

    /// <summary>Answers attempt n with <paramref name="answers"/>[n] (the last one repeats).</summary>
    private HttpMessageInvoker Invoker(EzrouterRetryOptions? options, params Func<HttpResponseMessage>[] answers)
    {
        // Synchronous on purpose: MockHttp 6 never completes a request whose responder returns a faulted task, so a
        // connection failure must be thrown, not returned. The retry handler buffers the body, so reading it here is cheap.
        _mock.When("*").Respond(request =>
        {
            int attempt;
            var body = request.Content is null ? "" : request.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            lock (_bodies)
            {
                attempt = _bodies.Count;
                _bodies.Add(body);
            }
            return answers[Math.Min(attempt, answers.Length - 1)]();
        });
        return HandlerChain.Invoker(_mock, new EzrouterRetryHandler(options, _time), new EzrouterErrorHandler());
    }

    private int Attempts { get { lock (_bodies) return _bodies.Count; } }

    private static Func<HttpResponseMessage> Status(int status, string body = "", string? retryAfter = null, string? retryAfterMs = null) => () =>
    {
        var response = ErrorResponses.Response(status, body, body.StartsWith('<') ? "text/html" : "application/json");
        if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        if (retryAfterMs is not null) response.Headers.TryAddWithoutValidation("retry-after-ms", retryAfterMs);
        return response;
    };

    private static Func<HttpResponseMessage> Success() => Status(200, Ok);

    private static Func<HttpResponseMessage> Refused() => () => throw new HttpRequestException("Connection refused (127.0.0.1:9)", new System.Net.Sockets.SocketException(111));

    private static HttpRequestMessage Request(EzrouterResponseInfo? info = null)
    {
        var request = HandlerChain.ChatRequest();
        return info is null ? request : request.With(info);
    }

    [Fact]
    public async Task ServiceUnavailableThenOkIsRetriedOnceAndCounted()
    {
        // Arrange
        using var invoker = Invoker(null, Status(503, "<html>503 Service Temporarily Unavailable</html>"), Success());
        var info = new EzrouterResponseInfo();

        // Act
        using var response = await _time.DriveAsync(invoker.SendAsync(Request(info), CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Attempts);
        Assert.Equal(1, info.RetryCount);
    }

    [Fact]
    public async Task FirstAttemptSuccessHasNoRetries()
    {
        // Arrange
        using var invoker = Invoker(null, Success());
        var info = new EzrouterResponseInfo();

        // Act
        using var response = await invoker.SendAsync(Request(info), CancellationToken.None);

        // Assert
        Assert.Equal(1, Attempts);
        Assert.Equal(0, info.RetryCount);
        Assert.Equal(0, _time.PendingTimers);
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"bad","type":"new_api_error","code":""}}""")]
    [InlineData(401, """{"error":{"message":"bad key","type":"new_api_error","code":""}}""")]
    [InlineData(403, """{"error":{"message":"denied","type":"new_api_error","code":"access_denied"}}""")]
    [InlineData(404, """{"error":{"message":"Invalid URL","type":"invalid_request_error","code":""}}""")]
    [InlineData(413, """{"error":{"message":"too large","type":"new_api_error","code":"read_request_body_failed"}}""")]
    [InlineData(500, """{"error":{"message":"messages is required","type":"new_api_error","code":"invalid_request"}}""")]
    public async Task ClientErrorsAreNotRetried(int status, string body)
    {
        // Arrange
        using var invoker = Invoker(null, Status(status, body, retryAfter: "1"), Success());

        // Act
        var error = await Assert.ThrowsAnyAsync<EzrouterException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        // Assert
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, Attempts);
        Assert.Equal(0, error.RetryCount);
    }

    [Fact]
    public async Task ModelNotFoundIsRetriedOnceOnly()
    {
        // Arrange
        using var invoker = Invoker(new EzrouterRetryOptions { MaxRetries = 5 }, Status(503, """{"error":{"message":"no channel","type":"new_api_error","code":"model_not_found"}}"""));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterModelNotFoundException>(() => _time.DriveAsync(invoker.SendAsync(Request(), CancellationToken.None), TimeSpan.FromSeconds(1)));

        // Assert
        Assert.Equal(2, Attempts);
        Assert.Equal(1, error.RetryCount);
    }

    [Fact]
    public async Task RateLimitWithoutRetryAfterIsNotRetried()
    {
        // Arrange
        using var invoker = Invoker(null, Status(429, """{"error":{"message":"slow down","type":"new_api_error"}}"""), Success());

        // Act
        var error = await Assert.ThrowsAsync<EzrouterRateLimitException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        // Assert
        Assert.Equal(1, Attempts);
        Assert.Equal(0, error.RetryCount);
    }

    [Fact]
    public async Task RateLimitWithRetryAfterIsRetriedAfterExactlyThatDelay()
    {
        // Arrange
        using var invoker = Invoker(null, Status(429, """{"error":{"message":"slow down","type":"new_api_error"}}""", retryAfter: "7"), Success());
        var info = new EzrouterResponseInfo();

        // Act
        var send = invoker.SendAsync(Request(info), CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        var backoffStillArmed = _time.PendingTimers == 1;
        var attemptsBeforeTheWaitIsOver = Attempts;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.True(backoffStillArmed);
        Assert.Equal(1, attemptsBeforeTheWaitIsOver);
        Assert.Equal(2, Attempts);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, info.RetryCount);
    }

    [Fact]
    public async Task RetryAfterMsIsHonoured()
    {
        // Arrange
        using var invoker = Invoker(null, Status(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", retryAfterMs: "250"), Success());

        // Act
        var send = invoker.SendAsync(Request(), CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromMilliseconds(249));
        var backoffStillArmed = _time.PendingTimers == 1;
        var attemptsBeforeTheWaitIsOver = Attempts;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.True(backoffStillArmed);
        Assert.Equal(1, attemptsBeforeTheWaitIsOver);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ExhaustedRetriesSurfaceTheLastTypedExceptionWithItsRetryCount()
    {
        // Arrange
        using var invoker = Invoker(null, Status(502, "<html>502 Bad Gateway</html>"), Status(503, "<html>503</html>"), Status(504, "<html>504 Gateway Time-out</html>"));
        var info = new EzrouterResponseInfo();

        // Act
        var error = await Record.ExceptionAsync(() => _time.DriveAsync(invoker.SendAsync(Request(info), CancellationToken.None), TimeSpan.FromSeconds(1)));

        // Assert
        var typed = Assert.IsType<EzrouterUpstreamUnavailableException>(error);
        Assert.Equal(504, typed.StatusCode);
        Assert.Equal(2, typed.RetryCount);
        Assert.Equal(2, info.RetryCount);
        Assert.Equal(3, Attempts);
    }

    [Fact]
    public async Task MaxTotalTimeStopsRetries()
    {
        // Arrange: the second retry would start 6 s after the first attempt; the budget is 5 s.
        var options = new EzrouterRetryOptions { MaxRetries = 5, MaxTotalTime = TimeSpan.FromSeconds(5) };
        using var invoker = Invoker(options, Status(503, "", retryAfter: "3"));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterUpstreamUnavailableException>(() => _time.DriveAsync(invoker.SendAsync(Request(), CancellationToken.None), TimeSpan.FromSeconds(1)));

        // Assert
        Assert.Equal(2, Attempts);
        Assert.Equal(1, error.RetryCount);
    }

    [Fact]
    public async Task RetryAfterLongerThanMaxTotalTimeIsNotWaitedFor()
    {
        // Arrange
        using var invoker = Invoker(new EzrouterRetryOptions { MaxTotalTime = TimeSpan.FromSeconds(10) }, Status(503, "", retryAfter: "20"), Success());

        // Act
        var error = await Assert.ThrowsAsync<EzrouterUpstreamUnavailableException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        // Assert
        Assert.Equal(1, Attempts);
        Assert.Equal(0, error.RetryCount);
    }

    [Fact]
    public async Task RequestBodyIsIdenticalOnEveryAttempt()
    {
        // Arrange: a one-shot, non-seekable body, as Kiota sends.
        using var invoker = Invoker(null, Status(502, ""), Status(503, ""), Success());
        var json = """{"model":"gpt-5.2","messages":[{"role":"user","content":"héllo"}]}"""u8.ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions") { Content = new StreamContent(new OneShotStream(json)) };
        request.Content.Headers.ContentType = new("application/json");

        // Act
        using var response = await _time.DriveAsync(invoker.SendAsync(request, CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(3, Attempts);
        Assert.All(_bodies, body => Assert.Equal(System.Text.Encoding.UTF8.GetString(json), body));
    }
}
