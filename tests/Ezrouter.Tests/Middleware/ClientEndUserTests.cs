using System.Text.Json.Nodes;
using Ezrouter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Tests.Middleware;

/// <summary>Over a real socket: the client-wide <see cref="EzrouterClientOptions.EndUserId"/> fills the end user a request leaves out.</summary>
public sealed class ClientEndUserTests
{
    private const string ChatJson = """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-5.2","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""";
    private const string MessageJson = """{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}""";

    private static Task<LoopbackServer> StartAsync() => LoopbackServer.StartAsync(async (context, request) =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(request.Path.Contains("/messages") ? MessageJson : ChatJson);
    });

    private static EzrouterClient Client(LoopbackServer server) =>
        new(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = server.BaseUrl, EndUserId = "end-user-42" });

    [Fact]
    public async Task EndUserIdFillsUserOnChat()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        await client.Chat.CompleteAsync(new() { Model = "gpt-5.2" });

        // Assert
        Assert.Equal("end-user-42", JsonNode.Parse(Assert.Single(server.Requests).Body)!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task EndUserIdFillsUserOnAChatStream()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        await client.Chat.CompleteStreamingAsync(new() { Model = "gpt-5.2" }).GetFinalCompletionAsync();

        // Assert
        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal("end-user-42", body["user"]!.GetValue<string>());
        Assert.True(body["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RequestsOwnUserWinsOnChat()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        await client.Chat.CompleteAsync(new() { Model = "gpt-5.2", User = "someone-else" });

        // Assert
        Assert.Equal("someone-else", JsonNode.Parse(Assert.Single(server.Requests).Body)!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task EndUserIdFillsMetadataUserIdOnMessages()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        await client.Messages.CreateAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16 });

        // Assert
        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal("end-user-42", body["metadata"]!["user_id"]!.GetValue<string>());
        Assert.Null(body["user"]);
    }

    [Fact]
    public async Task RequestsOwnMetadataUserIdWinsOnMessages()
    {
        // Arrange
        await using var server = await StartAsync();
        using var client = Client(server);

        // Act
        await client.Messages.CreateAsync(new() { Model = "claude-sonnet-4-6", MaxTokens = 16, Metadata = new() { UserId = "someone-else" } });

        // Assert
        Assert.Equal("someone-else", JsonNode.Parse(Assert.Single(server.Requests).Body)!["metadata"]!["user_id"]!.GetValue<string>());
    }
}
