using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Ezrouter.Testing.Tests.Interop;

/// <summary>
/// What the official OpenAI .NET SDK (2.15.0) does against the gateway's wire behaviour, replayed.
/// Each test documents one observed behaviour; a failure means the SDK changed.
/// </summary>
public sealed class OpenAISdkInteropTests : IAsyncLifetime
{
    private RecordedGateway gateway = null!;

    public async Task InitializeAsync() => gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task StreamingChatYieldsTheTextAndTheFinalUsageChunk()
    {
        var updates = await StreamAsync("claude-sonnet-4-6", "Count to five.");

        Assert.Equal("1, 2, 3, 4, 5.", Text(updates));
        Assert.Equal(ChatFinishReason.Stop, updates.Single(u => u.FinishReason is not null).FinishReason);
        var usage = updates.Single(u => u.Usage is not null).Usage;
        Assert.Equal(2062, usage.InputTokenCount);
        Assert.Equal(17, usage.OutputTokenCount);
        Assert.Equal(2048, usage.InputTokenDetails.CachedTokenCount);
    }

    [Fact]
    public async Task NonStreamingCompleteChatOnTheAlwaysSseAnswerThrowsJsonReaderException()
    {
        // Gateway (docs/gateway-behavior.md §6): the OpenAI surface always answers SSE; the SDK parses the body as
        // JSON.
        var chat = Chat("claude-sonnet-4-6");

        var exception = await Assert.ThrowsAnyAsync<JsonException>(() =>
            chat.CompleteChatAsync([new SystemChatMessage("You are a helpful assistant."), new UserChatMessage("Hello!")]));

        Assert.Equal("System.Text.Json.JsonReaderException", exception.GetType().FullName);
        Assert.StartsWith("'d' is an invalid start of a value.", exception.Message, StringComparison.Ordinal);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal("chat-nonstream-sse", request.CassetteName);
        Assert.DoesNotContain("\"stream\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeToolCallsCollideOnIndexZeroAndOnlyTheIdSeparatesThem()
    {
        var calls = (await StreamAsync("claude-haiku-4-5-20251001", "What's the weather in Paris and in Tokyo?"))
            .SelectMany(u => u.ToolCallUpdates).ToList();

        Assert.All(calls, c => Assert.Equal(0, c.Index));
        Assert.Equal(2, calls.Count(c => c.ToolCallId is not null));
        Assert.Equal(
            "{\"location\": \"Paris, France\"}{\"location\": \"Tokyo, Japan\"}",
            string.Concat(calls.Select(c => c.FunctionArgumentsUpdate?.ToString())));
    }

    [Fact]
    public async Task ClaudeToolCallIndicesStartAtOneAfterThinkingAndReasoningIsDropped()
    {
        var updates = await StreamAsync("claude-sonnet-4-6", "Compare the weather in Paris and in Tokyo.");

        var calls = updates.SelectMany(u => u.ToolCallUpdates).Where(c => c.ToolCallId is not null).ToList();
        Assert.Equal([1, 2], calls.Select(c => c.Index));
        Assert.Equal("I'll look up both cities.", Text(updates));

        // reasoning_content has no typed property: those chunks surface as empty updates.
        Assert.Equal(3, updates.Count(IsEmpty));
    }

    [Fact]
    public async Task OpenAIUpstreamToolCallsUseIndicesZeroAndOne()
    {
        var calls = (await StreamAsync("gpt-5.2", "What's the weather in Paris and in Tokyo?"))
            .SelectMany(u => u.ToolCallUpdates).Where(c => c.ToolCallId is not null).ToList();

        Assert.Equal([0, 1], calls.Select(c => c.Index));
        Assert.All(calls, c => Assert.StartsWith("call_", c.ToolCallId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReasoningContentDeltasSurfaceAsEmptyUpdates()
    {
        var updates = await StreamAsync("deepseek-v4-pro", "Is 9.11 greater than 9.8?");

        Assert.Equal("No. 9.8 is greater than 9.11 (9.80 > 9.11).", Text(updates));
        Assert.Equal(3, updates.Count(IsEmpty));
        Assert.Equal(38, updates.Single(u => u.Usage is not null).Usage.OutputTokenDetails.ReasoningTokenCount);
    }

    [Fact]
    public async Task MidStreamErrorChunkIsSwallowedAndTheStreamEndsNormally()
    {
        // Gateway (docs/gateway-behavior.md §10): data: {"error":...}, then usage and [DONE]. The OpenAI SDK loses the
        // error.
        var updates = await StreamAsync("kimi-k2.6", "Write a haiku about the sea.");

        Assert.Equal("Grey waves fold and break,\nsalt wind", Text(updates));
        Assert.DoesNotContain(updates, u => u.FinishReason is not null);
        Assert.NotNull(updates.Single(u => u.Usage is not null).Usage);
        Assert.Single(updates, IsEmpty);
    }

    [Fact]
    public async Task ClaudeBareJsonErrorEndsTheStreamQuietly()
    {
        // Gateway (docs/gateway-behavior.md §10): a Shape O object with no data: prefix and no [DONE]; the SSE parser skips the line.
        var updates = await StreamAsync("claude-sonnet-4-6", "Write a haiku about the sea.");

        Assert.Equal("Grey waves fold and break,\nsalt wind", Text(updates));
        Assert.DoesNotContain(updates, u => u.FinishReason is not null || u.Usage is not null);
    }

    [Fact]
    public async Task TruncatedStreamThrowsIOExceptionFromTheReset()
    {
        var received = new StringBuilder();

        var exception = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var update in Chat("deepseek-v4-flash").CompleteChatStreamingAsync([new UserChatMessage("Tell me a long story.")]))
            {
                received.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            }
        });

        Assert.IsType<System.Net.Sockets.SocketException>(exception.InnerException);
        Assert.Equal("Once upon a time, on an island where the lighthouse keeper", received.ToString());
    }

    [Fact]
    public async Task DoneWithoutFinishReasonEndsLikeACompleteStream()
    {
        var updates = await StreamAsync("glm-5.1", "Tell me a long story.");

        Assert.Equal("Long ago, in a valley between two rivers,", Text(updates));
        Assert.DoesNotContain(updates, u => u.FinishReason is not null);
    }

    [Theory]
    [InlineData("error-401-invalid-token", 401, "new_api_error")]
    [InlineData("error-503-model-not-found", 503, "new_api_error")]
    [InlineData("error-400-numeric-code", 400, "invalid_request_error")]
    [InlineData("error-400-null-code", 400, "invalid_request_error")]
    [InlineData("error-500-panic", 500, "new_api_panic")]
    public async Task ErrorEnvelopesBecomeClientResultExceptionsWithTheStatus(string model, int status, string type)
    {
        var exception = await Assert.ThrowsAsync<ClientResultException>(() => Chat(model).CompleteChatAsync([new UserChatMessage("x")]));

        Assert.Equal(status, exception.Status);
        Assert.StartsWith($"HTTP {status} ({type}: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(type, exception.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SseLabelledErrorIsStillAClientResultException()
    {
        var exception = await Assert.ThrowsAsync<ClientResultException>(() => StreamAsync("error-400-sse-labelled", "x"));

        Assert.Equal(400, exception.Status);
        Assert.True(exception.GetRawResponse()!.Headers.TryGetValue("Content-Type", out var contentType));
        Assert.Equal("text/event-stream", contentType);
    }

    [Fact]
    public async Task ErrorEnvelopeWithHttp200ParsesAsACompletionWithNoChoices()
    {
        // Gateway (docs/gateway-behavior.md §4): a non-stream upstream error relayed with HTTP 200.
        ChatCompletion completion = await Chat("error-200-upstream-error").CompleteChatAsync([new UserChatMessage("x")]);

        Assert.Null(completion.Id);
        Assert.Throws<ArgumentOutOfRangeException>(() => completion.FinishReason);
    }

    [Fact]
    public async Task SdkRetryGetsPastTheRedeploy502()
    {
        var updates = await StreamAsync("claude-haiku-4-5", "Say hi.", maxRetries: 1);

        Assert.Equal("Hi!", Text(updates));
        Assert.Equal(["redeploy-502-then-success#0", "redeploy-502-then-success#1"], gateway.Requests.Select(r => $"{r.CassetteName}#{r.InteractionIndex}"));
    }

    private static string Text(IEnumerable<StreamingChatCompletionUpdate> updates) =>
        string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text));

    private static bool IsEmpty(StreamingChatCompletionUpdate update) =>
        update.ContentUpdate.Count == 0 && update.ToolCallUpdates.Count == 0 && update.FinishReason is null && update.Usage is null;

    private ChatClient Chat(string model, int maxRetries = 0) => new(
        model,
        new ApiKeyCredential("sk-test"),
        new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(maxRetries) });

    private async Task<List<StreamingChatCompletionUpdate>> StreamAsync(string model, string prompt, int maxRetries = 0)
    {
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in Chat(model, maxRetries).CompleteChatStreamingAsync([new UserChatMessage(prompt)]))
        {
            updates.Add(update);
        }

        return updates;
    }
}
