using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Profiles;

namespace Ezrouter.ContractTests.Profiles;

/// <summary>
/// The EzAI profile against the recorded gateway: the Anthropic surface at the root, count_tokens, the rate-limit
/// snapshot on answers and on errors, 529 retried with backoff (unless a profile leaves it out), and a firewall's HTML 403.
/// </summary>
public sealed class EzAiProfileContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public EzAiProfileContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    private static CountTokensRequest Count(string model, string text = "Hello!") => new()
    {
        Model = model,
        Messages = [new() { Role = "user", Content = new() { String = text } }],
    };

    [Fact]
    [HitsCassette("ezai-count-tokens")]
    public async Task CountTokensAtTheRootReturnsTheCountAndTheRateLimit()
    {
        // Arrange
        using var client = _gateway.CreateClient(profile: GatewayProfile.EzAi);

        // Act
        var counted = await client.Messages.CountTokensAsync(Count("claude-sonnet-4-5"));

        // Assert
        Assert.Equal(12, counted.Value.InputTokens);
        var limit = counted.Info.RateLimit!;
        Assert.Equal(("free", 5, 4, 1, 1), (limit.Tier, limit.LimitRequests, limit.RemainingRequests, limit.ConcurrentLimit, limit.ConcurrentRemaining));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 1, 0, TimeSpan.Zero), limit.ResetRequests);
        var sent = _gateway.Gateway.Requests[^1];
        Assert.Equal("/v1/messages/count_tokens", sent.Path);
        Assert.Equal("ezrouter-dotnet/" + Http.EzrouterClientFactory.Version, sent.Headers["User-Agent"]);
        _gateway.AssertAnsweredBy("ezai-count-tokens");
    }

    [Fact]
    public async Task CountTokensOnTheEzrouterProfileFailsBeforeSending()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<EzrouterOperationNotSupportedException>(() => client.Messages.CountTokensAsync(Count("claude-sonnet-4-5")));

        // Assert
        Assert.Equal((GatewayOperations.CountTokens, "ezrouter", 0), (error.Operation, error.ProfileName, error.StatusCode));
        Assert.Contains("does not serve CountTokens", error.Message, StringComparison.Ordinal);
        Assert.Empty(_gateway.Gateway.Requests);
    }

    [Fact]
    [HitsCassette("ezai-count-tokens-429")]
    public async Task A429CarriesTheRateLimitAndTheWait()
    {
        // Arrange
        using var client = _gateway.CreateClient(profile: GatewayProfile.EzAi);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterRateLimitException>(() => client.Messages.CountTokensAsync(Count("ezai-count-tokens-429")));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal((0, 0), (error.RateLimit!.RemainingRequests, error.RateLimit.ConcurrentRemaining));
        Assert.Equal("free", error.Details.RateLimit!.Tier);
        _gateway.AssertAnsweredBy("ezai-count-tokens-429");
    }

    [Fact]
    [HitsCassette("ezai-count-tokens-529-then-ok")]
    public async Task A529IsRetriedWithBackoffUnlessTheProfileLeavesItOut()
    {
        // Arrange
        using var ezai = _gateway.CreateClient(maxRetries: 2, profile: GatewayProfile.EzAi);
        var custom = new GatewayProfile { Name = "no-529", AnthropicPath = "", Operations = GatewayOperations.All, BackoffStatuses = new HashSet<int> { 408, 502, 503, 504 } };
        using var without = _gateway.CreateClient(maxRetries: 2, profile: custom);

        // Act
        var counted = await ezai.Messages.CountTokensAsync(Count("ezai-count-tokens-529-then-ok"));
        _gateway.Gateway.Reset();
        var error = await Assert.ThrowsAsync<EzrouterOverloadedException>(() => without.Messages.CountTokensAsync(Count("ezai-count-tokens-529-then-ok")));

        // Assert
        Assert.Equal((9, 1, 2), (counted.Value.InputTokens, counted.Info.RetryCount, counted.Info.RateLimit!.RemainingRequests));
        Assert.Equal((529, 0, 3), (error.StatusCode, error.RetryCount, error.RateLimit!.RemainingRequests));
        _gateway.AssertAnsweredBy("ezai-count-tokens-529-then-ok");
    }

    [Fact]
    [HitsCassette("ezai-error-403-waf")]
    public async Task AnHtml403SaysAFirewallRefusedTheClientAndWhatToDo()
    {
        // Arrange
        using var client = _gateway.CreateClient(profile: GatewayProfile.EzAi);
        var request = new CreateChatCompletionRequest
        {
            Model = "ezai-error-403-waf",
            Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hi" } } }],
        };

        // Act
        var error = await Assert.ThrowsAsync<EzrouterPermissionException>(() => client.Chat.CompleteAsync(request));

        // Assert
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("firewall", error.Message, StringComparison.Ordinal);
        Assert.Contains("User-Agent", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RateLimit);
        _gateway.AssertAnsweredBy("ezai-error-403-waf");
    }
}
