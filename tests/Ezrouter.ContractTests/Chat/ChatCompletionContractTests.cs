using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.ContractTests.Chat;

/// <summary>
/// <c>Chat.CompleteAsync</c> against the recorded gateway: a whole completion whether the gateway answers JSON or SSE,
/// with reasoning, tool calls assembled by id, and usage.
/// </summary>
public sealed class ChatCompletionContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public ChatCompletionContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("chat-nonstream-sse")]
    public async Task NonStreamCallAnsweredWithSseReturnsTheWholeCompletion()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(CassetteRequests.ChatNonstreamSse());

        // Assert
        var completion = response.Value;
        Assert.Equal("msg_01W4u5k95eHdn0WmxMTVFr1d", completion.Id);
        var choice = Assert.Single(completion.Choices!);
        Assert.Equal("Hello! How can I help you today?", choice.Message!.Content);
        Assert.Equal("assistant", choice.Message.Role);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal((19, 12, 31), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Equal("text/event-stream", response.Info.ContentType);
        Assert.Equal(RecordedIds.RequestId("chat-nonstream-sse"), response.Info.RequestId);
        Assert.Equal("v0.9.6", response.Info.GatewayVersion);
        _gateway.AssertAnsweredBy("chat-nonstream-sse");
    }

    [Fact]
    [HitsCassette("chat-multi-turn")]
    public async Task SecondTurnCarriesTheHistoryAndGetsItsOwnAnswer()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var first = await client.Chat.CompleteAsync(CassetteRequests.MultiTurnFirst());
        var second = await client.Chat.CompleteAsync(CassetteRequests.MultiTurnSecond());

        // Assert
        Assert.Equal("2 + 2 = 4.", Assert.Single(first.Value.Choices!).Message!.Content);
        Assert.Equal("3 + 3 = 6.", Assert.Single(second.Value.Choices!).Message!.Content);
        Assert.Equal(38, second.Value.Usage!.PromptTokens);
        Assert.Equal(RecordedIds.RequestId("chat-multi-turn", 1), second.Info.RequestId);
        _gateway.AssertAnsweredBy("chat-multi-turn", 0, 1);
    }

    [Fact]
    [HitsCassette("chat-reasoning-deepseek")]
    public async Task DeepSeekReasoningIsJoinedApartFromTheAnswer()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(CassetteRequests.ChatRequest("deepseek-v4-pro", CassetteRequests.User("Is 9.11 greater than 9.8?")));

        // Assert
        var completion = response.Value;
        var message = Assert.Single(completion.Choices!).Message!;
        Assert.Equal("Compare the decimals: 9.11 has 0.11 and 9.8 has 0.80. 0.80 > 0.11.", message.ReasoningContent);
        Assert.Equal("No. 9.8 is greater than 9.11 (9.80 > 9.11).", message.Content);
        Assert.Equal("fp_8802369eaa_prod0820_fp8_kvcache", completion.SystemFingerprint);
        Assert.Equal(38, completion.Usage!.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal(38, EzrouterUsage.From(completion.Usage).ReasoningTokens);
        _gateway.AssertAnsweredBy("chat-reasoning-deepseek");
    }

    [Fact]
    [HitsCassette("chat-tool-calls-claude-collide")]
    public async Task ClaudeToolCallsSharingIndexZeroAreKeptApartById()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(CassetteRequests.ChatWithTools("claude-haiku-4-5-20251001", CassetteRequests.WeatherTwice));

        // Assert
        var choice = Assert.Single(response.Value.Choices!);
        Assert.Equal("tool_calls", choice.FinishReason);
        AssertToolCalls(choice.Message!,
            ("toolu_01pnuPKjk1uXHVy8qMDAJz8x", """{"location": "Paris, France"}"""),
            ("toolu_01NHGywueQv6QMm4ojfLBgF1", """{"location": "Tokyo, Japan"}"""));
        Assert.Equal("claude-haiku-4-5-20251001", response.Value.Model);
        Assert.Equal(1152, response.Value.Usage!.PromptTokensDetails!.CachedTokens);
        Assert.Equal(1152, EzrouterUsage.From(response.Value.Usage).CacheReadTokens);
        _gateway.AssertAnsweredBy("chat-tool-calls-claude-collide");
    }

    [Fact]
    [HitsCassette("chat-tool-calls-claude-offset")]
    public async Task ClaudeThinkingTextAndToolCallsStartingAtIndexOneAreAssembled()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(CassetteRequests.ChatWithTools("claude-sonnet-4-6", "Compare the weather in Paris and in Tokyo."));

        // Assert
        var message = Assert.Single(response.Value.Choices!).Message!;
        // Gateway: the thinking signature arrives as a "\n" reasoning chunk (docs/gateway-behavior.md §8).
        Assert.Equal("The user wants a comparison, so I need the weather for both cities. I'll call get_weather twice.\n", message.ReasoningContent);
        Assert.Equal("I'll look up both cities.", message.Content);
        AssertToolCalls(message,
            ("toolu_01Fgv4YM2jIyE3Ic3Dxd22co", """{"location": "Paris, France"}"""),
            ("toolu_01PedaFVwOyHajVihbIx5MwN", """{"location": "Tokyo, Japan"}"""));
        _gateway.AssertAnsweredBy("chat-tool-calls-claude-offset");
    }

    [Fact]
    [HitsCassette("chat-tool-calls-openai")]
    public async Task OpenAiParallelToolCallsAreAssembledWithNoContent()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(CassetteRequests.ChatWithTools("gpt-5.2", CassetteRequests.WeatherTwice));

        // Assert
        var choice = Assert.Single(response.Value.Choices!);
        Assert.Null(choice.Message!.Content);
        Assert.Equal("tool_calls", choice.FinishReason);
        AssertToolCalls(choice.Message,
            ("call_PieYkhdCMoSn3A18wfMVrZwQ", """{"location":"Paris, France"}"""),
            ("call_nGBEhoX4zPNmeHUzkgi3C5yU", """{"location":"Tokyo, Japan"}"""));
        Assert.Equal("gpt-5.2-2025-12-11", response.Value.Model);
        Assert.Equal((82, 54), (response.Value.Usage!.PromptTokens, response.Value.Usage.CompletionTokens));
        _gateway.AssertAnsweredBy("chat-tool-calls-openai");
    }

    [Fact]
    [HitsCassette("redeploy-502-then-success")]
    public async Task RedeployPageIsRetriedOnceAndTheRetrySucceeds()
    {
        // Arrange
        using var client = _gateway.CreateClient(maxRetries: 2);

        // Act
        var response = await client.Chat.CompleteAsync(CassetteRequests.ChatRequest("claude-haiku-4-5", CassetteRequests.User("Say hi.")));

        // Assert
        Assert.Equal(1, response.Info.RetryCount);
        Assert.Equal("Hi!", Assert.Single(response.Value.Choices!).Message!.Content);
        Assert.Equal("claude-haiku-4-5-20251001", response.Value.Model);
        Assert.Equal(RecordedIds.RequestId("redeploy-502-then-success", 1), response.Info.RequestId);
        _gateway.AssertAnsweredBy("redeploy-502-then-success", 0, 1);
    }

    private static void AssertToolCalls(ChatCompletionResponseMessage message, params (string Id, string Arguments)[] expected)
    {
        var calls = message.ToolCalls!;
        Assert.Equal(expected.Select(e => e.Id), calls.Select(c => c.Id));
        Assert.Equal(expected.Select(e => e.Arguments), calls.Select(c => c.Function!.Arguments));
        Assert.All(calls, c => Assert.Equal(("function", "get_weather"), (c.Type, c.Function!.Name)));
    }
}
