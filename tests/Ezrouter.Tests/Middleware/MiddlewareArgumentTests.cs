using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// The middleware's argument checks: each refusal names its parameter and says what is allowed, and each bound
/// itself is accepted.
/// </summary>
public sealed class MiddlewareArgumentTests
{
    private static readonly EzrouterServerException ServerError = new(new EzrouterErrorDetails { StatusCode = 500, Summary = "boom" });

    [Fact]
    public void TheRetryPolicyNamesAMissingArgument()
    {
        Assert.Equal("failure", Assert.Throws<ArgumentNullException>(() => EzrouterRetryPolicy.ShouldRetry(null!, 0, new HashSet<int>())).ParamName);
        Assert.Equal("backoffStatuses", Assert.Throws<ArgumentNullException>(() => EzrouterRetryPolicy.ShouldRetry(ServerError, 0, null!)).ParamName);
        Assert.Equal("failure", Assert.Throws<ArgumentNullException>(() => EzrouterRetryPolicy.Delay(null!, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), () => 0.5)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => EzrouterRetryPolicy.Delay(ServerError, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), null!)).ParamName);
    }

    [Fact]
    public void TheAdaptiveLimiterNamesMissingOrInconsistentOptions()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new AdaptiveConcurrencyLimiter(null!)).ParamName);
        var crossed = new EzrouterConcurrencyOptions { MaxConcurrentRequests = 2, MinConcurrentRequests = 3 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveConcurrencyLimiter(crossed));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("Need 1 <= MinConcurrentRequests <= MaxConcurrentRequests.", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(RateLimitPacingOptions.MaxMaxConcurrentRequests)]
    public void ThePacersConcurrencyBoundsAreAccepted(int value) =>
        Assert.Equal(value, new RateLimitPacingOptions { MaxConcurrentRequests = value }.MaxConcurrentRequests);

    [Fact]
    public void ThePacersLongestResetDelayIsADay() =>
        Assert.Equal(TimeSpan.FromDays(1), new RateLimitPacingOptions { MaxResetDelay = TimeSpan.FromDays(1) }.MaxResetDelay);

    [Fact]
    public void ThePacersRefusalsSayWhatIsAllowed()
    {
        var options = new RateLimitPacingOptions();

        var concurrency = Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxConcurrentRequests = 0);
        var delay = Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxResetDelay = TimeSpan.FromDays(2));

        Assert.StartsWith($"Must be 1 to {RateLimitPacingOptions.MaxMaxConcurrentRequests}.", concurrency.Message);
        Assert.StartsWith("Must be above 0 and at most 1 day.", delay.Message);
    }

    [Theory]
    [InlineData("\rEzAI-Client/1.0")]
    [InlineData("\nEzAI-Client/1.0")]
    [InlineData("EzAI-Client/1.0\r\nX-Injected: 1")]
    [InlineData(" ")]
    public void AFixedUserAgentWithALineBreakOrNoTextIsRefused(string userAgent)
    {
        var error = Assert.Throws<ArgumentException>(() => new FixedUserAgentHandler(userAgent));

        Assert.Equal("userAgent", error.ParamName);
        Assert.StartsWith("The User-Agent must be non-empty text on one line.", error.Message);
    }
}
