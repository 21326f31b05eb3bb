using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="EzrouterRetryOptions"/> as <see cref="EzrouterRetryHandler"/>'s option class, Kiota-style: setters check
/// their bounds, and a request carrying its own instance overrides the client's for that request only.
/// </summary>
public sealed class EzrouterRetryOptionsTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();
    private int _attempts;

    /// <summary>Every attempt answers 503 until <paramref name="failures"/> have been sent, then 200.</summary>
    private HttpMessageInvoker Invoker(EzrouterRetryOptions? options, int failures = int.MaxValue)
    {
        _mock.When("*").Respond(_ => Interlocked.Increment(ref _attempts) <= failures
            ? ErrorResponses.Response(503, "<html>503</html>", "text/html")
            : ErrorResponses.Response(200, """{"id":"chatcmpl-1","object":"chat.completion","choices":[]}"""));
        return HandlerChain.Invoker(_mock, new EzrouterRetryHandler(options, _time), new EzrouterErrorHandler());
    }

    [Fact]
    public async Task ARequestOverrideAppliesToThatRequestOnly()
    {
        // Arrange: the client retries twice; one request says never.
        using var invoker = Invoker(new EzrouterRetryOptions { MaxRetries = 2 });

        // Act
        var overridden = await Record.ExceptionAsync(() =>
            invoker.SendAsync(HandlerChain.ChatRequest().With(new EzrouterRetryOptions { MaxRetries = 0 }), CancellationToken.None));
        var attemptsWithOverride = _attempts;
        var plain = await Record.ExceptionAsync(() =>
            _time.DriveAsync(invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None), TimeSpan.FromSeconds(1)));

        // Assert
        Assert.Equal(0, Assert.IsType<EzrouterUpstreamUnavailableException>(overridden).RetryCount);
        Assert.Equal(1, attemptsWithOverride);
        Assert.Equal(2, Assert.IsType<EzrouterUpstreamUnavailableException>(plain).RetryCount);
        Assert.Equal(4, _attempts);
    }

    [Fact]
    public async Task ARequestOverrideCanRetryWhereTheClientDoesNot()
    {
        // Arrange: retries are off for the client; one request allows one, with its own predicate.
        using var invoker = Invoker(new EzrouterRetryOptions { MaxRetries = 0 }, failures: 1);
        var asked = 0;
        var own = new EzrouterRetryOptions { MaxRetries = 1, ShouldRetry = (_, _) => { asked++; return true; } };
        var info = new EzrouterResponseInfo();

        // Act
        using var response = await _time.DriveAsync(
            invoker.SendAsync(HandlerChain.ChatRequest().With(own).With(info), CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, asked);
        Assert.Equal(1, info.RetryCount);
        Assert.Equal(2, _attempts);
    }

    [Fact]
    public async Task ARequestOverrideKeepsTheValuesItStartedWith()
    {
        // Arrange
        using var invoker = Invoker(null, failures: 1);
        var own = new EzrouterRetryOptions { MaxRetries = 1, ShouldRetry = (_, _) => true };

        // Act: the caller changes the shared instance while the call waits for its retry.
        var send = invoker.SendAsync(HandlerChain.ChatRequest().With(own), CancellationToken.None);
        await _time.WaitForTimerAsync();
        own.ShouldRetry = (_, _) => false;
        own.MaxRetries = 0;
        _time.Advance(TimeSpan.FromSeconds(2));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _attempts);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void MaxRetriesOutOfRangeThrows(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EzrouterRetryOptions { MaxRetries = value });

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void MaxRetriesAtItsBoundsIsAccepted(int value) =>
        Assert.Equal(value, new EzrouterRetryOptions { MaxRetries = value }.MaxRetries);

    public static TheoryData<TimeSpan> NegativeOrOverADay => [TimeSpan.FromTicks(-1), TimeSpan.FromDays(1) + TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan];

    [Theory]
    [MemberData(nameof(NegativeOrOverADay))]
    public void DelaysOutOfRangeThrow(TimeSpan value)
    {
        var options = new EzrouterRetryOptions();

        Assert.Equal(nameof(EzrouterRetryOptions.BaseDelay), Assert.Throws<ArgumentOutOfRangeException>(() => options.BaseDelay = value).ParamName);
        Assert.Equal(nameof(EzrouterRetryOptions.MaxDelay), Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxDelay = value).ParamName);
        Assert.Equal(nameof(EzrouterRetryOptions.MaxTotalTime), Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxTotalTime = value).ParamName);
    }

    [Fact]
    public void ZeroIsAValidDelayButNotAValidTotalTime()
    {
        var options = new EzrouterRetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxTotalTime = TimeSpan.Zero);
        options.MaxTotalTime = TimeSpan.FromDays(1);
        Assert.Equal(TimeSpan.Zero, options.MaxDelay);
    }
}
