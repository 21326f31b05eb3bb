using Ezrouter.Testing;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI.Tests.ChatClient;

/// <summary>
/// The whole tool loop of M.E.AI's <c>FunctionInvokingChatClient</c> over both surfaces: the recorded tool-call
/// cassettes answer the first turn, and a second-turn cassette (in memory, matching only a request whose last message
/// is the tool results) answers the follow-up.
/// </summary>
public sealed class FunctionInvocationTests : IAsyncLifetime
{
    private const string OpenAiFollowUp = """
        {"name": "test-chat-tool-results-openai", "description": "Second turn of the weather tool loop: the answer after both tool results.",
         "source": {"kind": "authored", "from": "docs/gateway-behavior.md §7", "date": "2026-11-21"},
         "interactions": [{"request": {"method": "POST", "path": "/v1/chat/completions",
           "body": {"model": "gpt-5.2", "messages.0.content": "What's the weather in Paris and in Tokyo?", "messages.-1.role": "tool"}},
          "response": {"status": 200, "headers": {"Content-Type": "text/event-stream", "X-New-Api-Version": "v0.9.6"},
           "frames": [
            {"data": "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1795253462,\"model\":\"gpt-5.2-2025-12-11\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Paris: 18 C, cloudy. Tokyo: 24 C, sunny.\"},\"finish_reason\":null}]}\n\n"},
            {"data": "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1795253462,\"model\":\"gpt-5.2-2025-12-11\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"},
            {"data": "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1795253462,\"model\":\"gpt-5.2-2025-12-11\",\"choices\":[],\"usage\":{\"prompt_tokens\":150,\"completion_tokens\":14,\"total_tokens\":164}}\n\n"},
            {"data": "data: [DONE]\n\n"}]}}]}
        """;

    private const string AnthropicFollowUp = """
        {"name": "test-anthropic-message-tool-result", "description": "Second turn of the Anthropic weather tool loop.",
         "source": {"kind": "authored", "from": "docs/gateway-behavior.md §7", "date": "2026-11-21"},
         "interactions": [{"request": {"method": "POST", "path": "/anthropic/v1/messages",
           "body": {"model": "claude-sonnet-4-6", "stream": false, "messages.0.content": "What's the weather in Paris?", "messages.-1.content.0.type": "tool_result"}},
          "response": {"status": 200, "headers": {"Content-Type": "application/json", "X-New-Api-Version": "v0.9.6"},
           "json": {"id": "msg_02", "type": "message", "role": "assistant", "model": "claude-sonnet-4-6",
            "content": [{"type": "text", "text": "It is 18 C and cloudy in Paris."}],
            "stop_reason": "end_turn", "stop_sequence": null, "usage": {"input_tokens": 500, "output_tokens": 12}}}}]}
        """;

    private RecordedGateway _gateway = null!;
    private int _calls;

    public async Task InitializeAsync() =>
        _gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions { Cassettes = [Cassette.Load(OpenAiFollowUp), Cassette.Load(AnthropicFollowUp)] });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAiSurfaceRunsTheWholeLoop(bool streaming)
    {
        using var sdk = GatewayClients.Create(_gateway);
        using var chat = new ChatClientBuilder(sdk.AsIChatClient("gpt-5.2")).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [CountingWeather()] };
        const string prompt = "What's the weather in Paris and in Tokyo?";

        var response = streaming
            ? await chat.GetStreamingResponseAsync(prompt, options).ToChatResponseAsync()
            : await chat.GetResponseAsync(prompt, options);

        Assert.Equal(2, _calls);
        Assert.Equal("Paris: 18 C, cloudy. Tokyo: 24 C, sunny.", response.Text);
        Assert.Equal("test-chat-tool-results-openai", _gateway.Requests[^1].CassetteName);
        var body = GatewayClients.LastBody(_gateway, "/v1/chat/completions");
        var messages = body.GetProperty("messages");
        Assert.Equal("call_PieYkhdCMoSn3A18wfMVrZwQ", messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("18 C, cloudy", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task AnthropicSurfaceRunsTheWholeLoop()
    {
        using var sdk = GatewayClients.Create(_gateway);
        using var chat = new ChatClientBuilder(sdk.AsIChatClient("claude-sonnet-4-6")).UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync("What's the weather in Paris?", new ChatOptions { Tools = [CountingWeather()] });

        Assert.Equal(1, _calls);
        Assert.Equal("It is 18 C and cloudy in Paris.", response.Messages[^1].Text);
        Assert.Equal("test-anthropic-message-tool-result", _gateway.Requests[^1].CassetteName);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    private AIFunction CountingWeather() =>
        AIFunctionFactory.Create((string location) =>
        {
            Interlocked.Increment(ref _calls);
            return location.StartsWith("Paris", StringComparison.Ordinal) ? "18 C, cloudy" : "24 C, sunny";
        }, "get_weather", "The current weather in a city.");
}
