using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Security;

/// <summary>The key does not go over plain http:// to a host that is not loopback, unless the caller opts in.</summary>
public sealed class InsecureHttpTests
{
    private const string ChatJson = """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-5.2","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""";

    [Fact]
    public async Task PlainHttpToARemoteHostIsRefusedBeforeSending()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("*").Respond("application/json", ChatJson);
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = new Uri("http://example.com"), Transport = mock });

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Chat.CompleteAsync(new() { Model = "gpt-5.2" }));

        // Assert
        Assert.Equal(0, mock.GetMatchCount(sent));
        Assert.Contains("http", error.Message);
        Assert.DoesNotContain(TestKeys.ApiKey, error.Message);
    }

    [Fact]
    public async Task PlainHttpToARemoteHostIsRefusedOnTheAnthropicSurfaceToo()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("*").Respond("application/json", "{}");
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = new Uri("http://example.com"), Transport = mock });

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.Messages.CreateAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16 }));

        // Assert
        Assert.Equal(0, mock.GetMatchCount(sent));
    }

    [Fact]
    public async Task PlainHttpToARemoteHostIsSentWhenTheCallerOptsIn()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("http://example.com/v1/chat/completions").WithHeaders("Authorization", "Bearer " + TestKeys.ApiKey).Respond("application/json", ChatJson);
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = new Uri("http://example.com"), Transport = mock, AllowInsecureHttp = true });

        // Act
        await client.Chat.CompleteAsync(new() { Model = "gpt-5.2" });

        // Assert
        Assert.Equal(1, mock.GetMatchCount(sent));
    }

    [Fact]
    public async Task HttpsToARemoteHostNeedsNoOptIn()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("https://example.com/v1/chat/completions").Respond("application/json", ChatJson);
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = new Uri("https://example.com"), Transport = mock });

        // Act
        await client.Chat.CompleteAsync(new() { Model = "gpt-5.2" });

        // Assert
        Assert.Equal(1, mock.GetMatchCount(sent));
    }
}
