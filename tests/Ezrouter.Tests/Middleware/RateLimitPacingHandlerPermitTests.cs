using System.Globalization;
using System.Net;
using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="RateLimitPacingHandler"/> over a pacer on a manual clock, without a client: which failures hold the
/// other requests and for how long, the Date a failed answer's reset is read against, and the slots it gives back.
/// </summary>
public sealed class RateLimitPacingHandlerPermitTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();
    private readonly RateLimitPacer _pacer;
    private int _attempts;

    public RateLimitPacingHandlerPermitTests() => _pacer = new RateLimitPacer(new RateLimitPacingOptions(), _time);

    /// <summary>The first request gets <paramref name="first"/>; every later one a small JSON success.</summary>
    private HttpMessageInvoker Invoker(Func<HttpResponseMessage> first, EzrouterRetryOptions? retry = null, params DelegatingHandler[] inner)
    {
        _mock.When("*").Respond(_ => Interlocked.Increment(ref _attempts) == 1 ? first() : ErrorResponses.Response(200, "{}"));
        return HandlerChain.Invoker(_mock, [new RateLimitPacingHandler(_pacer, retry), .. inner, new EzrouterErrorHandler(null, _time)]);
    }

    private static Func<HttpResponseMessage> Refusal(int status, string retryAfter) => () =>
    {
        var response = ErrorResponses.Response(status, "");
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    };

    [Fact]
    public async Task OnlyA429sRetryAfterHoldsTheOtherRequests()
    {
        using var invoker = Invoker(Refusal(503, "5"));
        await Assert.ThrowsAnyAsync<EzrouterException>(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        using var next = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None).WaitAsync(Long);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData(30, 2, 2)] // the request's own MaxDelay caps the server's wait, not the client's 20 s
    [InlineData(3, null, 3)] // a wait under the cap is taken as the server asked
    public async Task A429HoldsTheOtherRequestsForItsRetryAfterCappedByTheRequestsMaxDelay(int retryAfter, int? requestCap, int held)
    {
        using var invoker = Invoker(Refusal(429, retryAfter.ToString(CultureInfo.InvariantCulture)), new EzrouterRetryOptions { MaxDelay = TimeSpan.FromSeconds(20) });
        var refused = HandlerChain.ChatRequest();
        if (requestCap is { } cap) refused.With(new EzrouterRetryOptions { MaxDelay = TimeSpan.FromSeconds(cap) });
        await Assert.ThrowsAnyAsync<EzrouterException>(() => invoker.SendAsync(refused, CancellationToken.None));

        var next = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(held) - TimeSpan.FromMilliseconds(100));
        await Task.Delay(20);
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));

        using var answer = await next.WaitAsync(Long);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task AFailedAnswersResetIsReadAgainstItsOwnDate()
    {
        // Arrange: the gateway's clock is an hour behind ours; its window ends 30 s after its Date, none left.
        var gatewayNow = _time.GetUtcNow().AddHours(-1);
        using var invoker = Invoker(() =>
        {
            var response = ErrorResponses.Response(400, """{"error":{"message":"bad","type":"invalid_request_error"}}""");
            response.Headers.TryAddWithoutValidation("x-ratelimit-limit-requests", "5");
            response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "0");
            response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", gatewayNow.AddSeconds(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            response.Headers.Date = gatewayNow;
            return response;
        });
        await Assert.ThrowsAnyAsync<EzrouterException>(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        // Act
        var next = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(20);

        // Assert
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await next.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task AConnectionFailureGivesItsSlotBack()
    {
        using var invoker = Invoker(() => throw new HttpRequestException("Connection refused"));

        await Assert.ThrowsAsync<EzrouterConnectionException>(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.Equal(0, _pacer.InFlight);
    }

    [Fact]
    public async Task AnAggregatedSseAnswerHoldsNoSlotOnceReturned()
    {
        using var invoker = Invoker(() => TestClients.Sse(Payloads.ChatSse), inner: new SseAggregationHandler());

        var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        Assert.Equal(0, _pacer.InFlight);
        response.Dispose();
    }
}
