using System.Text.Json;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Testing;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.Tests.ChatClient;

/// <summary>IChatClient on the OpenAI chat surface, against the recorded gateway's cassettes and stand-in answers.</summary>
public sealed class OpenAiSurfaceTests : IAsyncLifetime
{
    private RecordedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task ToolCallsComeBackAsFunctionCallsWithUsageAndRawRepresentation()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = sdk.AsIChatClient("gpt-5.2");

        var response = await chat.GetResponseAsync("What's the weather in Paris and in Tokyo?", new ChatOptions { Tools = [Weather()] });

        var calls = response.Messages.Single().Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_PieYkhdCMoSn3A18wfMVrZwQ", "call_nGBEhoX4zPNmeHUzkgi3C5yU"], calls.Select(c => c.CallId));
        Assert.Equal("Tokyo, Japan", ((JsonElement)calls[1].Arguments!["location"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("gpt-5.2-2025-12-11", response.ModelId);
        Assert.Equal("chatcmpl-YhUkdysxeRcOGZgrSU6FDNe0AXbPf", response.ResponseId);
        Assert.Equal((82L, 54L, 136L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        Assert.IsType<CreateChatCompletionResponse>(response.RawRepresentation);
        var body = GatewayClients.LastBody(_gateway, "/v1/chat/completions");
        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task StreamedToolCallsArriveWholeAndUsageOnce()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var chat = sdk.AsIChatClient("gpt-5.2");

        var updates = await chat.GetStreamingResponseAsync("What's the weather in Paris and in Tokyo?", new ChatOptions { Tools = [Weather()] }).ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal(2, response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count());
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(136L, response.Usage!.TotalTokenCount);
        Assert.Contains(updates, u => u.RawRepresentation is CreateChatCompletionStreamResponse);
        Assert.True(GatewayClients.LastBody(_gateway, "/v1/chat/completions").GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task ReasoningContentBecomesTextReasoningContent()
    {
        using var sdk = GatewayClients.Create(_gateway);

        var response = await sdk.AsIChatClient("deepseek-v4-pro").GetResponseAsync("Is 9.11 greater than 9.8?");

        var reasoning = Assert.Single(response.Messages.Single().Contents.OfType<TextReasoningContent>());
        Assert.False(string.IsNullOrEmpty(reasoning.Text));
        Assert.False(string.IsNullOrEmpty(response.Text));
    }

    [Fact]
    public async Task OptionsAreForwardedIntoTheRequestBody()
    {
        using var sdk = GatewayClients.Create(_gateway);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;
        var options = new ChatOptions
        {
            ModelId = "kimi-k2.6", Temperature = 0.25f, TopP = 0.5f, TopK = 7, MaxOutputTokens = 300, Seed = 42,
            StopSequences = ["END"], ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "city"),
            Tools = [Weather()], ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            AdditionalProperties = new() { ["service_tier"] = "flex", ["x_custom"] = 3 },
        };

        await sdk.AsIChatClient().GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], options);

        var body = GatewayClients.LastBody(_gateway, "/v1/chat/completions");
        Assert.Equal("kimi-k2.6", body.GetProperty("model").GetString());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.5, body.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(7, body.GetProperty("top_k").GetInt32());
        Assert.Equal(300, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(42, body.GetProperty("seed").GetInt64());
        Assert.Equal("END", body.GetProperty("stop")[0].GetString());
        Assert.Equal("json_schema", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("city", body.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("get_weather", body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("flex", body.GetProperty("service_tier").GetString());
        Assert.Equal(3, body.GetProperty("x_custom").GetInt32());
        Assert.Equal("system", body.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("required", "required")]
    public async Task ToolModesMapToToolChoice(string mode, string expected)
    {
        using var sdk = GatewayClients.Create(_gateway);
        var options = new ChatOptions { Tools = [Weather()], ToolMode = mode == "none" ? ChatToolMode.None : ChatToolMode.RequireAny };

        await sdk.AsIChatClient("kimi-k2.6").GetResponseAsync("Hi", options);

        Assert.Equal(expected, GatewayClients.LastBody(_gateway, "/v1/chat/completions").GetProperty("tool_choice").GetString());
    }

    [Fact]
    public async Task GatewayErrorsSurfaceAsTheSdksTypedExceptions()
    {
        using var sdk = GatewayClients.Create(_gateway);

        await Assert.ThrowsAsync<EzrouterRateLimitException>(() => sdk.AsIChatClient("error-429-rate-limit").GetResponseAsync("Hi"));
        await Assert.ThrowsAsync<EzrouterModelNotFoundException>(async () =>
        {
            await foreach (var _ in sdk.AsIChatClient("error-503-model-not-found").GetStreamingResponseAsync("Hi")) { }
        });
    }

    internal static AIFunction Weather() =>
        AIFunctionFactory.Create((string location) => location.StartsWith("Paris", StringComparison.Ordinal) ? "18 C, cloudy" : "24 C, sunny", "get_weather", "The current weather in a city.");
}
