using Ezrouter.Catalog;
using Ezrouter.Middleware;
using Ezrouter.Profiles;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Profiles;

/// <summary>What a gateway profile changes: where each surface is, the User-Agent, what is retried, the catalog's refresh, which operations exist.</summary>
public class GatewayProfileTests
{
    private static Ezrouter.Generated.Anthropic.Models.CreateMessageRequest Message() => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 16,
        Messages = [new() { Role = "user", Content = new() { String = "Hi" } }],
    };

    [Fact]
    public async Task EzAiSendsTheAnthropicSurfaceToTheRootWithKeyAndVersionAndChatWithBearer()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var messages = mock.When(HttpMethod.Post, "https://ezaiapi.com/v1/messages")
            .WithHeaders("x-api-key", TestClients.ApiKey).WithHeaders("anthropic-version", "2023-06-01")
            .Respond(_ => TestClients.Json(Payloads.AnthropicMessageJson));
        var chat = mock.When(HttpMethod.Post, "https://ezaiapi.com/v1/chat/completions")
            .WithHeaders("Authorization", "Bearer " + TestClients.ApiKey)
            .Respond(_ => TestClients.Sse(Payloads.ChatSse));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        await client.Messages.CreateAsync(Message());
        await client.Chat.CompleteAsync(Ezrouter.Tests.Chat.ChatCompletionTests.Request());

        // Assert
        Assert.Equal((1, 1), (mock.GetMatchCount(messages), mock.GetMatchCount(chat)));
        Assert.Contains("BaseUrl = https://ezaiapi.com, AnthropicBaseUrl = https://ezaiapi.com", client.ToString(), StringComparison.Ordinal);
        Assert.Same(GatewayProfile.EzAi, client.Profile);
    }

    [Fact]
    public void TheDefaultProfileKeepsTodaysLayout()
    {
        // Arrange
        var options = new EzrouterClientOptions { ApiKey = TestClients.ApiKey };

        // Act
        using var client = new EzrouterClient(options);

        // Assert
        Assert.Same(GatewayProfile.Ezrouter, options.Profile);
        Assert.Equal(EzrouterClientOptions.DefaultBaseUrl, options.BaseUrl);
        Assert.Equal("EzrouterClient { BaseUrl = https://www.ezrouter.dev, AnthropicBaseUrl = https://www.ezrouter.dev/anthropic }", client.ToString());
    }

    [Fact]
    public void ACustomProfileDescribesAnotherGatewaysLayoutAndAnExplicitBaseUrlWins()
    {
        // Arrange
        var profile = new GatewayProfile { Name = "mine", BaseUrl = new Uri("https://llm.example.com"), AnthropicPath = "/claude/", Operations = GatewayOperations.ChatCompletions };

        // Act
        using var byProfile = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestClients.ApiKey, Profile = profile });
        using var byUrl = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestClients.ApiKey, Profile = profile, BaseUrl = new Uri("https://other.example.com/") });

        // Assert
        Assert.Equal("EzrouterClient { BaseUrl = https://llm.example.com, AnthropicBaseUrl = https://llm.example.com/claude }", byProfile.ToString());
        Assert.Equal("EzrouterClient { BaseUrl = https://other.example.com, AnthropicBaseUrl = https://other.example.com/claude }", byUrl.ToString());
        Assert.False(profile.Supports(GatewayOperations.Messages));
        Assert.Equal(GatewayProfile.DefaultBackoffStatuses, profile.BackoffStatuses);
    }

    [Theory]
    [InlineData(null, null, "ezrouter-dotnet/")]
    [InlineData("EzAI/1.0", null, "EzAI/1.0")]
    [InlineData(null, "Profile-Agent/2 (custom)", "Profile-Agent/2 (custom)")]
    [InlineData("Caller/3", "Profile-Agent/2", "Caller/3")]
    public async Task TheUserAgentNamesTheSdkUnlessTheCallerOrProfileChoosesOne(string? caller, string? profileAgent, string expected)
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        string? sent = null;
        mock.When(HttpMethod.Post, "https://ezaiapi.com/v1/messages").Respond(request =>
        {
            sent = request.Headers.UserAgent.ToString();
            return TestClients.Json(Payloads.AnthropicMessageJson);
        });
        var profile = new GatewayProfile { Name = "ua", BaseUrl = new Uri("https://ezaiapi.com"), AnthropicPath = "", UserAgent = profileAgent };
        using var client = TestClients.Create(mock, o => { o.Profile = profile; o.UserAgent = caller; });

        // Act
        await client.Messages.CreateAsync(Message());

        // Assert
        if (expected.EndsWith('/')) Assert.Equal(expected + Ezrouter.Http.EzrouterClientFactory.Version, sent);
        else Assert.Equal(expected, sent);
    }

    [Fact]
    public void AUserAgentWithALineBreakIsRefusedWhenTheClientIsBuilt()
    {
        // Arrange
        var options = new EzrouterClientOptions { ApiKey = TestClients.ApiKey, UserAgent = "a\r\nX-Evil: 1" };

        // Act
        var error = Record.Exception(() => new EzrouterClient(options));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public async Task AnOperationTheProfileLacksFailsTypedBeforeSending()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(_ => TestClients.Json("{\"input_tokens\":1}"));
        using var client = TestClients.Create(mock);
        var request = new Ezrouter.Generated.Anthropic.Models.CountTokensRequest { Model = "m", Messages = [new() { Role = "user", Content = new() { String = "Hi" } }] };

        // Act
        var error = await Assert.ThrowsAsync<EzrouterOperationNotSupportedException>(() => client.Messages.CountTokensAsync(request));

        // Assert
        Assert.Equal(0, mock.GetMatchCount(any));
        Assert.Equal((GatewayOperations.CountTokens, "ezrouter"), (error.Operation, error.ProfileName));
        Assert.IsAssignableFrom<EzrouterException>(error);
    }

    [Fact]
    public async Task EveryLayerCallChecksItsOperationBeforeSending()
    {
        // Arrange: a gateway that serves chat completions only.
        var mock = new MockHttpMessageHandler();
        var chat = mock.When(HttpMethod.Post, "https://chat.example.com/v1/chat/completions").Respond(_ => TestClients.Sse(Payloads.ChatSse));
        var other = mock.When("*").Respond(_ => TestClients.Json("{}"));
        var profile = new GatewayProfile { Name = "chat-only", BaseUrl = new Uri("https://chat.example.com"), Operations = GatewayOperations.ChatCompletions };
        using var client = TestClients.Create(mock, o => o.Profile = profile);
        var response = new Ezrouter.Generated.OpenAi.Models.CreateResponseRequest { Model = "m" };

        // Act
        await client.Chat.CompleteAsync(Ezrouter.Tests.Chat.ChatCompletionTests.Request());
        var refused = new[]
        {
            await Record.ExceptionAsync(() => client.Messages.CreateAsync(Message())),
            Record.Exception(() => client.Messages.CreateStreamingAsync(Message())),
            await Record.ExceptionAsync(() => client.Responses.CreateAsync(response)),
            Record.Exception(() => client.Responses.CreateStreamingAsync(response)),
            await Record.ExceptionAsync(() => client.Models.ListAsync()),
        };

        // Assert
        Assert.Equal((1, 0), (mock.GetMatchCount(chat), mock.GetMatchCount(other)));
        Assert.Equal(
            [GatewayOperations.Messages, GatewayOperations.Messages, GatewayOperations.Responses, GatewayOperations.Responses, GatewayOperations.Models],
            refused.Select(e => Assert.IsType<EzrouterOperationNotSupportedException>(e).Operation));
    }

    [Theory]
    [InlineData("{\"input_tokens\":-1}")]
    [InlineData("{}")]
    public async Task ACountWithoutANonNegativeInputTokensIsAProtocolError(string body)
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "https://ezaiapi.com/v1/messages/count_tokens").Respond(_ => TestClients.Json(body));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);
        var request = new Ezrouter.Generated.Anthropic.Models.CountTokensRequest { Model = "m", Messages = [new() { Role = "user", Content = new() { String = "Hi" } }] };

        // Act
        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Messages.CountTokensAsync(request));

        // Assert
        Assert.Contains("input_tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutABuildHeaderTheCatalogIsRefetchedAfterTheProfilesTimeToLive()
    {
        // Arrange
        var time = new ManualTimeProvider();
        var mock = new MockHttpMessageHandler();
        var models = mock.When(HttpMethod.Get, "https://ezaiapi.com/v1/models").Respond(_ =>
        {
            var response = TestClients.Json(Payloads.ModelsList);
            response.Headers.Remove("X-New-Api-Version");
            return response;
        });
        using var client = TestClients.Create(mock, o => { o.Profile = GatewayProfile.EzAi; o.TimeProvider = time; });

        // Act
        await client.Models.ListAsync();
        time.Advance(TimeSpan.FromMinutes(9));
        await client.Models.ListAsync();
        var beforeExpiry = mock.GetMatchCount(models);
        time.Advance(TimeSpan.FromMinutes(1));
        await client.Models.ListAsync();

        // Assert
        Assert.Equal((1, 2), (beforeExpiry, mock.GetMatchCount(models)));
    }

    [Fact]
    public void BothBuiltInProfilesRetry529WithBackoffAndAProfileCanLeaveItOut()
    {
        // Arrange
        var overloaded = new EzrouterOverloadedException(new EzrouterErrorDetails { StatusCode = 529 });
        var overloadedWithWait = new EzrouterOverloadedException(new EzrouterErrorDetails { StatusCode = 529, RetryAfter = TimeSpan.FromSeconds(3) });
        var without529 = new GatewayProfile { Name = "no-529", BackoffStatuses = new HashSet<int> { 408, 502, 503, 504 } };

        // Act
        var ezai = EzrouterRetryPolicy.ShouldRetry(overloaded, 0, GatewayProfile.EzAi.BackoffStatuses);
        var ezrouter = EzrouterRetryPolicy.ShouldRetry(overloaded, 0, GatewayProfile.Ezrouter.BackoffStatuses);
        var left = (EzrouterRetryPolicy.ShouldRetry(overloaded, 0, without529.BackoffStatuses), EzrouterRetryPolicy.ShouldRetry(overloadedWithWait, 0, without529.BackoffStatuses));

        // Assert
        Assert.Equal((true, true, (false, true)), (ezai, ezrouter, left));
        Assert.Equal(GatewayProfile.DefaultBackoffStatuses.Order(), GatewayProfile.Ezrouter.BackoffStatuses.Order());
        Assert.Equal(GatewayProfile.DefaultBackoffStatuses.Order(), GatewayProfile.EzAi.BackoffStatuses.Order());
        Assert.Equal([408, 502, 503, 504, 529], GatewayProfile.DefaultBackoffStatuses.Order());
    }

    [Theory]
    [InlineData("ezai", "ezai")]
    [InlineData(" EzRouter ", "ezrouter")]
    [InlineData("openai", null)]
    [InlineData(null, null)]
    public void BuiltInProfilesAreFoundByName(string? name, string? expected)
    {
        // Act
        var profile = GatewayProfile.FromName(name);

        // Assert
        Assert.Equal(expected, profile?.Name);
    }

    [Fact]
    public void BackoffStatusesAreCopiedSoTheProfileStaysImmutable()
    {
        // Arrange
        var statuses = new HashSet<int> { 500 };
        var profile = new GatewayProfile { BackoffStatuses = statuses };

        // Act
        statuses.Add(400);

        // Assert
        Assert.Equal([500], profile.BackoffStatuses.Order());
    }
}
