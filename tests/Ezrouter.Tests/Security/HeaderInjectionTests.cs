using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Security;

/// <summary>Keys, end-user ids, header values and model names containing CR or LF are rejected before anything is sent.</summary>
public sealed class HeaderInjectionTests
{
    [Theory]
    [InlineData("sk-test-KEY\r\nX-Injected: 1")]
    [InlineData("sk-test-KEY\nX-Injected: 1")]
    [InlineData("sk-test-KEY\r")]
    public void KeyWithCrOrLfIsRejected(string key)
    {
        // Act
        var error = Record.Exception(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = key, Transport = new MockHttpMessageHandler() }));

        // Assert
        var argument = Assert.IsType<ArgumentException>(error);
        Assert.DoesNotContain("sk-test-KEY", argument.Message);
    }

    [Fact]
    public void EndUserIdWithCrLfIsRejected()
    {
        // Act
        var error = Record.Exception(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, EndUserId = "user-1\r\nX-Injected: 1", Transport = new MockHttpMessageHandler() }));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public void AnthropicBetaWithLfIsRejected()
    {
        // Act
        var error = Record.Exception(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, AnthropicBeta = "beta\nX-Injected: 1", Transport = new MockHttpMessageHandler() }));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public void AnthropicVersionWithCrIsRejected()
    {
        // Act
        var error = Record.Exception(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, AnthropicVersion = "2023-06-01\r", Transport = new MockHttpMessageHandler() }));

        // Assert
        Assert.IsType<ArgumentException>(error);
    }

    [Fact]
    public async Task ModelNameWithLfIsRejectedBeforeSending()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("*").Respond("application/json", "{}");
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = mock });

        // Act
        var error = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(new() { Model = "gpt-5.2\nX-Injected: 1" }));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Equal(0, mock.GetMatchCount(sent));
    }

    [Fact]
    public async Task ModelNameWithCrIsRejectedBeforeSendingOnTheAnthropicSurface()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("*").Respond("application/json", "{}");
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = mock });

        // Act
        var error = await Record.ExceptionAsync(() => client.Messages.CreateAsync(new() { Model = "claude\r", MaxTokens = 16 }));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Equal(0, mock.GetMatchCount(sent));
    }

    [Fact]
    public async Task ModelNameWithLfIsRejectedBeforeAStreamIsSent()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("*").Respond("text/event-stream", "data: [DONE]\n\n");
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = mock });

        // Act
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in client.Chat.CompleteStreamingAsync(new() { Model = "gpt\n" })) { }
        });

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Equal(0, mock.GetMatchCount(sent));
    }
}
