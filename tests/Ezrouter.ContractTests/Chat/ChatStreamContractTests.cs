using Ezrouter.Chat;
using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;

namespace Ezrouter.ContractTests.Chat;

/// <summary>
/// <c>Chat.CompleteStreamingAsync</c> against the recorded gateway: every stream ends completed, in a typed error, or
/// truncated, and a failed one keeps what arrived in <see cref="EzrouterException.PartialResponse"/>.
/// </summary>
public sealed class ChatStreamContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public ChatStreamContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("chat-stream-usage")]
    public async Task StreamCompletesWithContentAndCachedUsageFromTheFinalChunk()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Chat.CompleteStreamingAsync(CassetteRequests.ChatRequest("claude-sonnet-4-6", CassetteRequests.User("Count to five.")));

        // Act
        var chunks = await ReadAllAsync(stream);

        // Assert
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(6, chunks.Count);
        var completion = stream.Accumulator.ToCompletion();
        var choice = Assert.Single(completion.Choices!);
        Assert.Equal("1, 2, 3, 4, 5.", choice.Message!.Content);
        Assert.Equal("stop", choice.FinishReason);
        var usage = EzrouterUsage.From(completion.Usage!);
        Assert.Equal((2062, 2048, 17), (usage.InputTokens, usage.CacheReadTokens, usage.OutputTokens));
        Assert.Equal(RecordedIds.RequestId("chat-stream-usage"), stream.ResponseInfo.RequestId);
        _gateway.AssertAnsweredBy("chat-stream-usage");
    }

    [Fact]
    [HitsCassette("chat-stream-done-without-finish")]
    public async Task DoneWithoutAFinishReasonIsATruncation()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Chat.CompleteStreamingAsync(CassetteRequests.ChatRequest("glm-5.1", CassetteRequests.User("Tell me a long story.")));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => ReadAllAsync(stream));

        // Assert
        Assert.Equal(StreamOutcome.Truncated, stream.Outcome);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(RecordedIds.RequestId("chat-stream-done-without-finish"), error.RequestId);
        var partial = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse);
        Assert.Equal("Long ago, in a valley between two rivers,", Assert.Single(partial.Choices!).Message!.Content);
        Assert.Equal(12, partial.Usage!.CompletionTokens);
        _gateway.AssertAnsweredBy("chat-stream-done-without-finish");
    }

    [Fact]
    [HitsCassette("chat-stream-midstream-error-claude")]
    public async Task BareErrorLineAfterClaudeChunksIsAStreamError()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Chat.CompleteStreamingAsync(CassetteRequests.ChatRequest("claude-sonnet-4-6", CassetteRequests.User("Write a haiku about the sea.")));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => ReadAllAsync(stream));

        // Assert
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Equal((200, "overloaded_error", "overloaded_error"), (error.StatusCode, error.ErrorType, error.ErrorCode));
        Assert.Equal("Overloaded", error.GatewayMessage);
        Assert.Equal(RecordedIds.RequestId("chat-stream-midstream-error-claude"), error.RequestId);
        var partial = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse);
        Assert.Equal("Grey waves fold and break,\nsalt wind", Assert.Single(partial.Choices!).Message!.Content);
        _gateway.AssertAnsweredBy("chat-stream-midstream-error-claude");
    }

    [Fact]
    [HitsCassette("chat-stream-midstream-error-openai")]
    public async Task ErrorChunkFromAnOpenAiUpstreamIsAStreamErrorKeepingTheLaterUsage()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Chat.CompleteStreamingAsync(CassetteRequests.ChatRequest("kimi-k2.6", CassetteRequests.User("Write a haiku about the sea.")));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => ReadAllAsync(stream));

        // Assert
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Equal((200, "engine_overloaded_error", null), (error.StatusCode, error.ErrorType, error.ErrorCode));
        Assert.Equal(RecordedIds.RequestId("chat-stream-midstream-error-openai"), error.RequestId);
        var partial = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse);
        Assert.Equal("Grey waves fold and break,\nsalt wind", Assert.Single(partial.Choices!).Message!.Content);
        // Gateway: usage and [DONE] still follow an OpenAI-style mid-stream error (docs/gateway-behavior.md §10).
        Assert.Equal((14, 9), (partial.Usage!.PromptTokens, partial.Usage.CompletionTokens));
        _gateway.AssertAnsweredBy("chat-stream-midstream-error-openai");
    }

    [Fact]
    [HitsCassette("chat-stream-truncated")]
    public async Task ResetConnectionBeforeDoneIsATruncationKeepingTheText()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Chat.CompleteStreamingAsync(CassetteRequests.ChatRequest("deepseek-v4-flash", CassetteRequests.User("Tell me a long story.")));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => ReadAllAsync(stream));

        // Assert
        Assert.Equal(StreamOutcome.Truncated, stream.Outcome);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(RecordedIds.RequestId("chat-stream-truncated"), error.RequestId);
        var partial = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse);
        var choice = Assert.Single(partial.Choices!);
        Assert.Equal("Once upon a time, on an island where the lighthouse keeper", choice.Message!.Content);
        Assert.Null(choice.FinishReason);
        _gateway.AssertAnsweredBy("chat-stream-truncated");
    }

    [Fact]
    [HitsCassette("error-400-sse-labelled")]
    public async Task ErrorLabelledAsEventStreamIsAnInvalidRequest()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Chat.CompleteStreamingAsync(CassetteRequests.ChatError("error-400-sse-labelled"));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() => ReadAllAsync(stream));

        // Assert
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        GatewayErrorAssert.Matches(error, 400, "invalid_request_error", null, RecordedIds.RequestId("error-400-sse-labelled"));
        Assert.Equal("max_tokens: 200000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-6", error.GatewayMessage);
        Assert.Null(error.PartialResponse);
        _gateway.AssertAnsweredBy("error-400-sse-labelled");
    }

    private static async Task<List<CreateChatCompletionStreamResponse>> ReadAllAsync(ChatCompletionStream stream)
    {
        var chunks = new List<CreateChatCompletionStreamResponse>();
        await foreach (var chunk in stream) chunks.Add(chunk);
        return chunks;
    }
}
