using System.Text.Json;
using Ezrouter.Testing;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.Tests.ChatClient;

/// <summary>
/// IChatClient on the Anthropic route, the parts the other tests leave out: every <see cref="ChatOptions"/> field that
/// surface takes, the tool modes, what it refuses, its typed errors, and a streamed thinking signature sent back.
/// </summary>
public sealed class AnthropicOptionsTests : IAsyncLifetime
{
    private RecordedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private IChatClient Anthropic(EzrouterClient sdk, string? model = "claude-sonnet-4-6") =>
        sdk.AsIChatClient(new EzrouterChatClientOptions { DefaultModelId = model, Route = EzrouterChatRoute.AnthropicMessages });

    [Fact]
    public async Task OptionsAreForwardedIntoTheMessagesBody()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var options = new ChatOptions
        {
            Temperature = 0.25f, TopP = 0.5f, TopK = 7, MaxOutputTokens = 300, StopSequences = ["END", "STOP"],
            Instructions = "Answer in French.", Seed = 42, FrequencyPenalty = 0.5f,
            AdditionalProperties = new() { ["metadata"] = new Dictionary<string, object?> { ["user_id"] = "u-1" }, ["x_custom"] = 3 },
        };

        await Anthropic(sdk).GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], options);

        var body = GatewayClients.LastBody(_gateway, "/messages");
        Assert.Equal("claude-sonnet-4-6", body.GetProperty("model").GetString());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.5, body.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(7, body.GetProperty("top_k").GetInt32());
        Assert.Equal(300, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(["END", "STOP"], body.GetProperty("stop_sequences").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Answer in French.\n\nBe brief.", body.GetProperty("system").GetString());
        Assert.Equal("u-1", body.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.Equal(3, body.GetProperty("x_custom").GetInt32());
        // No counterpart on this surface: not sent.
        Assert.False(body.TryGetProperty("seed", out _));
        Assert.False(body.TryGetProperty("frequency_penalty", out _));
        Assert.Single(body.GetProperty("messages").EnumerateArray());
    }

    [Theory]
    [InlineData("auto", """{"type":"auto"}""")]
    [InlineData("none", """{"type":"none"}""")]
    [InlineData("any", """{"type":"any"}""")]
    [InlineData("named", """{"name":"get_weather","type":"tool"}""")]
    public async Task ToolModesMapToToolChoice(string mode, string expected)
    {
        using var sdk = GatewayClients.Create(_gateway);
        var options = new ChatOptions
        {
            Tools = [OpenAiSurfaceTests.Weather()],
            ToolMode = mode switch
            {
                "auto" => ChatToolMode.Auto,
                "none" => ChatToolMode.None,
                "any" => ChatToolMode.RequireAny,
                _ => ChatToolMode.RequireSpecific("get_weather"),
            },
        };

        await Anthropic(sdk).GetResponseAsync("Hi", options);

        var body = GatewayClients.LastBody(_gateway, "/messages");
        Assert.Equal(expected, body.GetProperty("tool_choice").GetRawText());
        var tool = body.GetProperty("tools")[0];
        Assert.Equal("The current weather in a city.", tool.GetProperty("description").GetString());
        Assert.Equal("string", tool.GetProperty("input_schema").GetProperty("properties").GetProperty("location").GetProperty("type").GetString());
    }

    [Fact]
    public async Task AJsonResponseFormatIsRefusedBeforeAnythingIsSent()
    {
        using var sdk = GatewayClients.Create(_gateway);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            Anthropic(sdk).GetResponseAsync("Hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }));

        Assert.Contains("JSON response format", error.Message);
        Assert.Empty(_gateway.Requests);
    }

    [Fact]
    public async Task AJsonResponseFormatWithoutToolsIsRoutedToOpenAiChat()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var auto = new EzrouterChatClient(sdk);

        var route = await auto.RouteAsync("claude-sonnet-4-6", [new(ChatRole.User, "Hi")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal(EzrouterChatRoute.OpenAiChat, route);
    }

    [Fact]
    public async Task GatewayErrorsSurfaceAsTheSdksTypedExceptions()
    {
        using var sdk = GatewayClients.Create(_gateway);

        var whole = await Assert.ThrowsAsync<EzrouterModelNotFoundException>(() => Anthropic(sdk, "anthropic-error-503-model-not-found").GetResponseAsync("Hi"));
        var streamed = await Assert.ThrowsAnyAsync<EzrouterException>(async () =>
        {
            await foreach (var _ in Anthropic(sdk, "anthropic-error-overloaded").GetStreamingResponseAsync("Hi")) { }
        });

        Assert.Equal(503, whole.ResponseStatusCode);
        Assert.Equal(500, streamed.ResponseStatusCode);
        Assert.All(_gateway.Requests, r => Assert.Equal("/anthropic/v1/messages", r.Path));
    }

    [Fact]
    public async Task AStreamedThinkingSignatureAndToolCallAreSentBackOnTheNextTurn()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = Anthropic(sdk);
        List<ChatMessage> history = [new(ChatRole.User, "What's the weather in Paris?")];

        var first = (await chat.GetStreamingResponseAsync(history).ToListAsync()).ToChatResponse();
        history.AddRange(first.Messages);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "18 C, cloudy")]));
        await chat.GetResponseAsync(history);

        var assistant = GatewayClients.LastBody(_gateway, "/messages").GetProperty("messages")[1].GetProperty("content");
        var thinking = assistant[0];
        Assert.Equal("thinking", thinking.GetProperty("type").GetString());
        Assert.Equal("The user asks about the weather in Paris. I don't have live data, so I should call get_weather with Paris, France.",
            thinking.GetProperty("thinking").GetString());
        Assert.StartsWith("Eu8BCkYICBgCKkBQ", thinking.GetProperty("signature").GetString());
        Assert.Equal("text", assistant[1].GetProperty("type").GetString());
        var toolUse = assistant[2];
        Assert.Equal(("tool_use", call.CallId), (toolUse.GetProperty("type").GetString(), toolUse.GetProperty("id").GetString()));
        Assert.Equal("Paris, France", toolUse.GetProperty("input").GetProperty("location").GetString());
        Assert.Equal(3, assistant.GetArrayLength());
    }

    [Fact]
    public async Task ReasoningTokensAreCountedInUsage()
    {
        using var sdk = GatewayClients.Create(_gateway);

        var response = await sdk.AsIChatClient("deepseek-v4-pro").GetResponseAsync("Is 9.11 greater than 9.8?");

        var usage = response.Usage!;
        Assert.Equal(38L, usage.ReasoningTokenCount);
        Assert.Equal(38L, usage.AdditionalCounts![EzrouterUsageKeys.ReasoningTokens]);
        Assert.Equal((17L, 61L), (usage.InputTokenCount, usage.OutputTokenCount));
    }
}
