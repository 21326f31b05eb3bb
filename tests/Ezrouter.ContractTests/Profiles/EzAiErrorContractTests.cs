using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Profiles;
using Ezrouter.Streaming;
using static Ezrouter.ContractTests.Support.CassetteRequests;

namespace Ezrouter.ContractTests.Profiles;

/// <summary>
/// Each error status EzAI documents, through <see cref="EzrouterClient"/> on the EzAI profile: the precise exception
/// type, the rate-limit snapshot on it, and for 408, 429, 502, 503 and 529 the retry that gets the answer after all.
/// </summary>
public sealed class EzAiErrorContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public EzAiErrorContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    /// <summary>An EzAI client that records each retry wait it starts (backoff 10 ms, at most 50 ms).</summary>
    private EzrouterClient Client(int maxRetries, List<EzrouterRetryWait> waits) => new(new EzrouterClientOptions
    {
        Profile = GatewayProfile.EzAi,
        ApiKey = RecordedGatewayFixture.ApiKey,
        BaseUrl = _gateway.Gateway.BaseUrl,
        Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), OnRetryWait = waits.Add },
    });

    [Fact]
    [HitsCassette("ezai-error-402-insufficient-balance")]
    public async Task A402IsTheQuotaErrorWithTheFreeTiersLimits()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInsufficientQuotaException>(() => client.Messages.CreateAsync(EzAiRequests.Message("ezai-error-402-insufficient-balance")));

        // Assert
        Assert.Equal((402, "billing_error", ErrorTaxonomy.Anthropic), (error.StatusCode, error.ErrorType, error.Taxonomy));
        Assert.Equal(("free", 5, 4, 1), (error.RateLimit!.Tier, error.RateLimit.LimitRequests, error.RateLimit.RemainingRequests, error.RateLimit.ConcurrentLimit));
        _gateway.AssertAnsweredBy("ezai-error-402-insufficient-balance");
    }

    [Fact]
    [HitsCassette("ezai-error-403-ip-blocked")]
    public async Task AJson403SaysTheIpBlockLiftsAndAnHtml403SaysToChangeTheUserAgent()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);

        // Act
        var blocked = await Assert.ThrowsAsync<EzrouterPermissionException>(() => client.Chat.CompleteAsync(ChatError("ezai-error-403-ip-blocked")));
        var waf = await Assert.ThrowsAsync<EzrouterPermissionException>(() => client.Chat.CompleteAsync(ChatError("ezai-error-403-waf")));

        // Assert
        Assert.Equal((403, "permission_error", "ip_blocked"), (blocked.StatusCode, blocked.ErrorType, blocked.ErrorCode));
        Assert.Contains("blocked after repeated failed authentications", blocked.Message, StringComparison.Ordinal);
        Assert.Contains("5 minutes", blocked.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("firewall", blocked.Message, StringComparison.Ordinal);
        Assert.Equal("free", blocked.RateLimit!.Tier);
        Assert.Contains("firewall", waf.Message, StringComparison.Ordinal);
        Assert.Contains("User-Agent", waf.Message, StringComparison.Ordinal);
        Assert.Equal(["ezai-error-403-ip-blocked", "ezai-error-403-waf"], _gateway.Gateway.Requests.Select(r => r.CassetteName));
    }

    [Fact]
    [HitsCassette("ezai-error-405-method-not-allowed")]
    public async Task A405IsAnInvalidRequest()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() => EzAiRequests.GetMessagesAsync(client, _gateway));

        // Assert
        Assert.Equal((405, "invalid_request_error", 0), (error.StatusCode, error.ErrorType, error.RetryCount));
        Assert.Equal("POST", Assert.Single(error.Details.Headers["Allow"]));
        Assert.Equal(27, error.RateLimit!.RemainingRequests);
        Assert.Equal("GET", Assert.Single(_gateway.Gateway.Requests).Method);
        _gateway.AssertAnsweredBy("ezai-error-405-method-not-allowed");
    }

    [Fact]
    [HitsCassette("ezai-error-413-payload-too-large")]
    public async Task A413IsRequestTooLarge()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway, maxRetries: 2);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterRequestTooLargeException>(() => client.Chat.CompleteAsync(ChatError("ezai-error-413-payload-too-large")));

        // Assert
        Assert.Equal((413, "payload_too_large", 0), (error.StatusCode, error.ErrorCode, error.RetryCount));
        Assert.Equal(20, error.RateLimit!.RemainingRequests);
        _gateway.AssertAnsweredBy("ezai-error-413-payload-too-large");
    }

    [Fact]
    [HitsCassette("ezai-error-429-then-ok")]
    public async Task A429WaitsTheRetryAfterCappedByTheCallersMaximumThenSucceeds()
    {
        // Arrange
        var waits = new List<EzrouterRetryWait>();
        using var once = Client(0, waits);
        using var retrying = Client(2, waits);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterRateLimitException>(() => once.Chat.CompleteAsync(ChatError("ezai-error-429-then-ok")));
        _gateway.Gateway.Reset();
        var response = await retrying.Chat.CompleteAsync(ChatError("ezai-error-429-then-ok"));

        // Assert
        Assert.Equal((429, TimeSpan.FromSeconds(2)), (error.StatusCode, error.RetryAfter));
        Assert.Equal((0, 0), (error.RateLimit!.RemainingRequests, error.RateLimit.ConcurrentRemaining));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 1, 0, TimeSpan.Zero), error.RateLimit.ResetRequests);
        var wait = Assert.Single(waits);
        Assert.True(wait.FromRetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(50), wait.Delay);
        Assert.Equal(("Hello after the wait.", 1), (response.Value.Choices![0].Message!.Content, response.Info.RetryCount));
        Assert.Equal(4, response.Info.RateLimit!.RemainingRequests);
        _gateway.AssertAnsweredBy("ezai-error-429-then-ok", 0, 1);
    }

    [Fact]
    [HitsCassette("ezai-error-408-then-ok")]
    public async Task A408IsRetriedWithBackoff()
    {
        // Arrange
        var waits = new List<EzrouterRetryWait>();
        using var once = Client(0, waits);
        using var retrying = Client(2, waits);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterUpstreamUnavailableException>(() => once.Messages.CreateAsync(EzAiRequests.Message("ezai-error-408-then-ok")));
        _gateway.Gateway.Reset();
        var response = await retrying.Messages.CreateAsync(EzAiRequests.Message("ezai-error-408-then-ok"));

        // Assert
        Assert.Equal((408, "timeout_error", 22), (error.StatusCode, error.ErrorType, error.RateLimit!.RemainingRequests));
        Assert.False(Assert.Single(waits).FromRetryAfter);
        Assert.Equal(("Hello again!", 1, 21), (response.Value.Content![0].TextBlock!.Text, response.Info.RetryCount, response.Info.RateLimit!.RemainingRequests));
        _gateway.AssertAnsweredBy("ezai-error-408-then-ok", 0, 1);
    }

    [Fact]
    [HitsCassette("ezai-error-502-then-ok")]
    public async Task A502IsRetriedWithBackoff()
    {
        // Arrange
        var waits = new List<EzrouterRetryWait>();
        using var once = Client(0, waits);
        using var retrying = Client(2, waits);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterUpstreamUnavailableException>(() => once.Chat.CompleteAsync(ChatError("ezai-error-502-then-ok")));
        _gateway.Gateway.Reset();
        var response = await retrying.Chat.CompleteAsync(ChatError("ezai-error-502-then-ok"));

        // Assert
        Assert.Equal((502, "upstream_error", "bad_gateway", 19), (error.StatusCode, error.ErrorType, error.ErrorCode, error.RateLimit!.RemainingRequests));
        Assert.False(Assert.Single(waits).FromRetryAfter);
        Assert.Equal(("Hello!", 1, 18), (response.Value.Choices![0].Message!.Content, response.Info.RetryCount, response.Info.RateLimit!.RemainingRequests));
        _gateway.AssertAnsweredBy("ezai-error-502-then-ok", 0, 1);
    }

    [Fact]
    [HitsCassette("ezai-error-503-then-ok")]
    public async Task A503IsRetriedWithBackoff()
    {
        // Arrange
        var waits = new List<EzrouterRetryWait>();
        using var once = Client(0, waits);
        using var retrying = Client(2, waits);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterUpstreamUnavailableException>(() => once.Responses.CreateAsync(EzAiRequests.ResponseError("ezai-error-503-then-ok")));
        _gateway.Gateway.Reset();
        var response = await retrying.Responses.CreateAsync(EzAiRequests.ResponseError("ezai-error-503-then-ok"));

        // Assert
        Assert.Equal((503, "upstream_busy", 17), (error.StatusCode, error.ErrorCode, error.RateLimit!.RemainingRequests));
        Assert.False(Assert.Single(waits).FromRetryAfter);
        Assert.Equal(("completed", 1, 16), (response.Value.Status, response.Info.RetryCount, response.Info.RateLimit!.RemainingRequests));
        _gateway.AssertAnsweredBy("ezai-error-503-then-ok", 0, 1);
    }

    [Fact]
    [HitsCassette("ezai-error-529-then-ok")]
    public async Task A529BeforeAStreamStartsIsRetriedWithBackoff()
    {
        // Arrange
        var waits = new List<EzrouterRetryWait>();
        using var once = Client(0, waits);
        using var retrying = Client(2, waits);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterOverloadedException>(() => once.Messages.CreateStreamingAsync(EzAiRequests.Message("ezai-error-529-then-ok")).GetFinalMessageAsync());
        _gateway.Gateway.Reset();
        var stream = retrying.Messages.CreateStreamingAsync(EzAiRequests.Message("ezai-error-529-then-ok"));
        var message = await stream.GetFinalMessageAsync();

        // Assert
        Assert.Equal((529, "overloaded_error", 15), (error.StatusCode, error.ErrorType, error.RateLimit!.RemainingRequests));
        Assert.Null(error.RetryAfter);
        Assert.False(Assert.Single(waits).FromRetryAfter);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(("Back again.", 8), (message.Content![0].TextBlock!.Text, message.Usage!.InputTokens));
        Assert.Equal((1, 14), (stream.ResponseInfo.RetryCount, stream.ResponseInfo.RateLimit!.RemainingRequests));
        _gateway.AssertAnsweredBy("ezai-error-529-then-ok", 0, 1);
    }
}
