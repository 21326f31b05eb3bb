using System.Text.Json;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Testing;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.Tests.ChatClient;

/// <summary>IChatClient on the Anthropic messages surface (where Claude with tools is routed), against the recorded gateway.</summary>
public sealed class AnthropicSurfaceTests : IAsyncLifetime
{
    private const string Signature = "Eu8BCkYICBgCKkBQiEUQnZ472PwlG5Pdx6VmfbGXQCnh16FDZqVFiQV01m4LENTsv0lKP3v5Yt1abxXCt9+jV8elB/+LsjXyTyyV2XCbv+u+/6qC2CQWHus0Ggjac7Br5Ng3oRDwPPSl3Df4pYGej2fvDsQmr4+J6PBEgwIc2XLCFuD1OvPI1MeGfNgxYmhfiy7AKHzJWZzfC+BGAE=";

    private RecordedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task ClaudeWithToolsGoesToMessagesAndMapsThinkingToolUseAndCacheUsage()
    {
        using var sdk = GatewayClients.Create(_gateway);

        var response = await sdk.AsIChatClient("claude-sonnet-4-6").GetResponseAsync("What's the weather in Paris?", new ChatOptions { Tools = [OpenAiSurfaceTests.Weather()] });

        Assert.Equal("/anthropic/v1/messages", _gateway.Requests[^1].Path);
        var contents = response.Messages.Single().Contents;
        var reasoning = Assert.IsType<TextReasoningContent>(contents[0]);
        Assert.Equal(Signature, reasoning.ProtectedData);
        Assert.Equal("I'll check the current weather in Paris for you.", Assert.IsType<TextContent>(contents[1]).Text);
        var call = Assert.IsType<FunctionCallContent>(contents[2]);
        Assert.Equal(("toolu_01ljLJqqRUl3d2SbE27YUWys", "get_weather"), (call.CallId, call.Name));
        Assert.Equal("celsius", ((JsonElement)call.Arguments!["unit"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("msg_01Fdc19KFKBdFonYPkJqLuRU", response.ResponseId);
        Assert.IsType<Message>(response.RawRepresentation);
        var usage = response.Usage!;
        Assert.Equal((412L + 2048 + 1536, 187L), (usage.InputTokenCount, usage.OutputTokenCount));
        Assert.Equal(1536L, usage.AdditionalCounts![EzrouterUsageKeys.CacheReadInputTokens]);
        Assert.Equal(2048L, usage.AdditionalCounts[EzrouterUsageKeys.CacheWriteInputTokens]);
        Assert.Equal(1024L, usage.AdditionalCounts[EzrouterUsageKeys.CacheWrite5mInputTokens]);
        var body = GatewayClients.LastBody(_gateway, "/messages");
        Assert.Equal(4096, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task StreamedMessageCarriesTextFinishReasonAndUsage()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = sdk.AsIChatClient(new EzrouterChatClientOptions { DefaultModelId = "claude-sonnet-4-6", Route = EzrouterChatRoute.AnthropicMessages });

        var updates = await chat.GetStreamingResponseAsync("What's the weather in Paris?").ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal("/anthropic/v1/messages", _gateway.Requests[^1].Path);
        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.NotNull(response.FinishReason);
        Assert.True(response.Usage!.OutputTokenCount > 0);
        Assert.StartsWith("msg_", response.ResponseId);
    }

    [Fact]
    public async Task ThinkingSignatureIsSentBackOnTheNextTurn()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = sdk.AsIChatClient("claude-sonnet-4-6");
        List<ChatMessage> history = [new(ChatRole.User, "What's the weather in Paris?")];
        var first = await chat.GetResponseAsync(history, new ChatOptions { Tools = [OpenAiSurfaceTests.Weather()] });
        history.AddRange(first.Messages);
        var callId = first.Messages.Single().Contents.OfType<FunctionCallContent>().Single().CallId;
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, "18 C, cloudy")]));

        await chat.GetResponseAsync(history, new ChatOptions { Tools = [OpenAiSurfaceTests.Weather()], TopK = 5, Temperature = 0.5f, StopSequences = ["END"] });

        var body = GatewayClients.LastBody(_gateway, "/messages");
        var assistant = body.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal("thinking", assistant[0].GetProperty("type").GetString());
        Assert.Equal(Signature, assistant[0].GetProperty("signature").GetString());
        Assert.Equal("tool_use", assistant[2].GetProperty("type").GetString());
        Assert.Equal("Paris, France", assistant[2].GetProperty("input").GetProperty("location").GetString());
        var result = body.GetProperty("messages")[2].GetProperty("content")[0];
        Assert.Equal(("tool_result", callId, "18 C, cloudy"), (result.GetProperty("type").GetString(), result.GetProperty("tool_use_id").GetString(), result.GetProperty("content").GetString()));
        Assert.Equal(5, body.GetProperty("top_k").GetInt32());
        Assert.Equal("END", body.GetProperty("stop_sequences")[0].GetString());
    }

    [Fact]
    public async Task RoutingFollowsTheCatalogAndTheOverride()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var auto = new EzrouterChatClient(sdk);
        List<ChatMessage> hello = [new(ChatRole.User, "Hi")];
        var tools = new ChatOptions { Tools = [OpenAiSurfaceTests.Weather()] };

        Assert.Equal(EzrouterChatRoute.AnthropicMessages, await auto.RouteAsync("claude-haiku-4-5", hello, tools));
        Assert.Equal(EzrouterChatRoute.OpenAiChat, await auto.RouteAsync("claude-haiku-4-5", hello, null));
        Assert.Equal(EzrouterChatRoute.OpenAiChat, await auto.RouteAsync("gpt-5.2", hello, tools));
        Assert.Equal(EzrouterChatRoute.OpenAiChat, await auto.RouteAsync("not-in-the-catalog", hello, tools));
        var forced = new EzrouterChatClient(sdk, new EzrouterChatClientOptions { Route = EzrouterChatRoute.OpenAiChat });
        Assert.Equal(EzrouterChatRoute.OpenAiChat, await forced.RouteAsync("claude-haiku-4-5", hello, tools));
    }

    [Fact]
    public void GetServiceReturnsMetadataAndTheSdkClient()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = sdk.AsIChatClient("claude-sonnet-4-6");

        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal(("ezrouter", "claude-sonnet-4-6"), (metadata.ProviderName, metadata.DefaultModelId));
        Assert.Equal(new Uri(_gateway.BaseUrl.GetLeftPart(UriPartial.Authority)), metadata.ProviderUri);
        Assert.Same(sdk, chat.GetService<EzrouterClient>());
        Assert.Same(chat, chat.GetService<IChatClient>());
        Assert.Null(chat.GetService<EzrouterClient>("some-key"));
    }
}
