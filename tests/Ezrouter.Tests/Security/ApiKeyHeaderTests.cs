using Ezrouter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Tests.Security;

/// <summary>Over a real socket: how the key travels on each surface (docs/gateway-behavior.md §1).</summary>
public sealed class ApiKeyHeaderTests
{
    private const string ChatJson = """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-5.2","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""";
    private const string MessageJson = """{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}""";

    private static Task<LoopbackServer> StartAsync() => LoopbackServer.StartAsync(async (context, request) =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(request.Path.Contains("/messages") ? MessageJson : ChatJson);
    });

    private static EzrouterClient Client(LoopbackServer server, Action<EzrouterClientOptions>? configure = null)
    {
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = server.BaseUrl };
        configure?.Invoke(options);
        return new EzrouterClient(options);
    }

    [Fact]
    public async Task OpenAiSurfaceSendsTheKeyAsBearer()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        await client.Chat.CompleteAsync(new() { Model = "gpt-5.2" });

        // Assert
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + TestKeys.ApiKey, request.Header("Authorization"));
        Assert.Null(request.Header("x-api-key"));
    }

    [Fact]
    public async Task AnthropicSurfaceSendsTheKeyAsXApiKeyWithAnthropicVersion()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        await client.Messages.CreateAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16 });

        // Assert
        var request = Assert.Single(server.Requests);
        Assert.Equal("/anthropic/v1/messages", request.Path);
        Assert.Equal(TestKeys.ApiKey, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task AnthropicBetaIsSentWhenConfigured()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server, o => o.AnthropicBeta = "interleaved-thinking-2025-05-14");

        // Act
        await client.Messages.CreateAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16 });

        // Assert
        Assert.Equal("interleaved-thinking-2025-05-14", Assert.Single(server.Requests).Header("anthropic-beta"));
    }

    [Fact]
    public async Task PlainHttpToLoopbackIsAllowedWithoutOptIn()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        var response = await client.Chat.CompleteAsync(new() { Model = "gpt-5.2" });

        // Assert
        Assert.Equal("http", server.BaseUrl.Scheme);
        Assert.Equal("hi", response.Value.Choices![0].Message!.Content);
    }
}
