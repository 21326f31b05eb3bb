using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;

namespace Ezrouter.ContractTests.Profiles;

/// <summary>
/// Every EzAI surface through <see cref="EzrouterClient"/> on the EzAI profile, against the recorded gateway over
/// loopback: the Anthropic Messages API at the root (whole and streamed), chat completions (whole and streamed), the
/// models list and the Responses API (whole and streamed), each answer with its rate-limit snapshot.
/// </summary>
public sealed class EzAiSurfaceContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public EzAiSurfaceContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    private static void AssertTopUp(EzrouterRateLimit? limit, int remaining)
    {
        Assert.NotNull(limit);
        Assert.Equal(("topup", 30, remaining, 2), (limit.Tier, limit.LimitRequests, limit.RemainingRequests, limit.ConcurrentLimit));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 2, 0, TimeSpan.Zero), limit.ResetRequests);
    }

    [Fact]
    [HitsCassette("ezai-message")]
    public async Task AMessageIsCreatedAtTheRootWithTheKeyHeader()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);

        // Act
        var response = await client.Messages.CreateAsync(EzAiRequests.Message());

        // Assert
        var message = response.Value;
        Assert.Equal(("msg_01EzAiR7tQw3nB5xLk8pVc2D", "end_turn"), (message.Id, message.StopReason));
        Assert.Equal("Hello! How can I help you today?", Assert.Single(message.Content!).TextBlock!.Text);
        Assert.Equal((12, 12), (message.Usage!.InputTokens, message.Usage.OutputTokens));
        AssertTopUp(response.Info.RateLimit, 28);
        Assert.Equal(1, response.Info.RateLimit!.ConcurrentRemaining);
        Assert.Null(response.Info.GatewayVersion);
        var sent = Assert.Single(_gateway.Gateway.Requests);
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal(("REDACTED", "2023-06-01"), (sent.Headers["x-api-key"], sent.Headers["anthropic-version"]));
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        _gateway.AssertAnsweredBy("ezai-message");
    }

    [Fact]
    [HitsCassette("ezai-message-stream")]
    public async Task AStreamedMessageTakesItsInputTokensFromMessageDelta()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);
        var stream = client.Messages.CreateStreamingAsync(EzAiRequests.Haiku());

        // Act
        var message = await stream.GetFinalMessageAsync();

        // Assert
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal("Morning fog lifting\na heron waits by the reeds\nthe river breathes slow", Assert.Single(message.Content!).TextBlock!.Text);
        // message_start said 0: EzAI reports the count in message_delta.
        Assert.Equal((13, 21), (message.Usage!.InputTokens, message.Usage.OutputTokens));
        AssertTopUp(stream.ResponseInfo.RateLimit, 27);
        Assert.Equal("/v1/messages", Assert.Single(_gateway.Gateway.Requests).Path);
        _gateway.AssertAnsweredBy("ezai-message-stream");
    }

    [Fact]
    [HitsCassette("ezai-chat")]
    public async Task AChatCompletionComesBackAsPlainJson()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);

        // Act
        var response = await client.Chat.CompleteAsync(EzAiRequests.Chat());

        // Assert
        var completion = response.Value;
        Assert.Equal(("req_abc123", "claude-sonnet-4-5"), (completion.Id, completion.Model));
        var choice = Assert.Single(completion.Choices!);
        Assert.Equal(("Hello! How can I help?", "stop"), (choice.Message!.Content, choice.FinishReason));
        Assert.Equal((15, 9, 24), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Equal("application/json", response.Info.ContentType);
        AssertTopUp(response.Info.RateLimit, 26);
        var sent = Assert.Single(_gateway.Gateway.Requests);
        Assert.Equal(("/v1/chat/completions", "REDACTED"), (sent.Path, sent.Headers["Authorization"]));
        _gateway.AssertAnsweredBy("ezai-chat");
    }

    [Fact]
    [HitsCassette("ezai-chat-stream")]
    public async Task AStreamedChatCompletionEndsWithItsUsage()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);
        var stream = client.Chat.CompleteStreamingAsync(EzAiRequests.ChatCount());
        var chunks = new List<CreateChatCompletionStreamResponse>();

        // Act
        await foreach (var chunk in stream) chunks.Add(chunk);

        // Assert
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(5, chunks.Count);
        var completion = await stream.GetFinalCompletionAsync();
        Assert.Equal(("1, 2, 3.", "stop"), (completion.Choices![0].Message!.Content, completion.Choices[0].FinishReason));
        Assert.Equal((11, 7, 18), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        AssertTopUp(stream.ResponseInfo.RateLimit, 25);
        _gateway.AssertAnsweredBy("ezai-chat-stream");
    }

    [Fact]
    [HitsCassette("ezai-models-list")]
    public async Task TheModelsListIsPlainOpenAiFormatWithTheRateLimit()
    {
        // Arrange
        using var client = EzAiRequests.ModelsClient(_gateway);
        var info = new EzrouterResponseInfo();

        // Act
        var models = await client.Models.ListAsync();
        var raw = await client.OpenAi.V1.Models.GetAsync(c => c.Options.Add(info));

        // Assert
        Assert.Equal(10, models.Count);
        var sonnet = Assert.Single(models, m => m.Id == "claude-sonnet-4-5");
        Assert.Equal(("anthropic", 1767225600L), (sonnet.OwnedBy, sonnet.Created));
        Assert.Null(sonnet.SupportedEndpointTypes);
        Assert.Null(raw!.Success);
        Assert.Null(client.Models.CachedGatewayVersion);
        AssertTopUp(info.RateLimit, 29);
        _gateway.AssertAnsweredBy("ezai-models-list", 0, 0);
    }

    [Fact]
    [HitsCassette("ezai-responses-whole")]
    public async Task AResponseComesBackWholeWithItsInstructions()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);

        // Act
        var response = await client.Responses.CreateAsync(EzAiRequests.ResponseWhole());

        // Assert
        var value = response.Value;
        Assert.Equal(("resp_01EzAiW8nQ3vK6tLm2Rp", "completed", "You are helpful.", 1024), (value.Id, value.Status, value.Instructions, value.MaxOutputTokens));
        Assert.Equal("Hello! How can I help you today?", Assert.Single(Assert.Single(value.Output!).Content!).Text);
        Assert.Equal((17, 11, 28), (value.Usage!.InputTokens, value.Usage.OutputTokens, value.Usage.TotalTokens));
        AssertTopUp(response.Info.RateLimit, 24);
        Assert.Contains("\"instructions\":\"You are helpful.\"", Assert.Single(_gateway.Gateway.Requests).Body, StringComparison.Ordinal);
        _gateway.AssertAnsweredBy("ezai-responses-whole");
    }

    [Fact]
    [HitsCassette("ezai-responses-stream")]
    public async Task AStreamedResponseCompletesWithItsText()
    {
        // Arrange
        using var client = EzAiRequests.Client(_gateway);
        var stream = client.Responses.CreateStreamingAsync(EzAiRequests.ResponseCount());
        var events = new List<ResponseStreamEvent>();

        // Act
        await foreach (var e in stream) events.Add(e);

        // Assert
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(10, events.Count);
        Assert.Equal("1, 2, 3.", string.Concat(events.Where(e => e.Type == "response.output_text.delta").Select(e => e.Delta)));
        var final = await stream.GetFinalResponseAsync();
        Assert.Equal(("completed", 12, 8), (final.Status, final.Usage!.InputTokens, final.Usage.OutputTokens));
        AssertTopUp(stream.ResponseInfo.RateLimit, 23);
        _gateway.AssertAnsweredBy("ezai-responses-stream");
    }
}
