using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Messages;
using Microsoft.Kiota.Abstractions.Serialization;
using Ezrouter.Streaming;

namespace Ezrouter.ContractTests.Messages;

/// <summary>
/// <c>Messages.CreateAsync</c> and <c>CreateStreamingAsync</c> against the recorded gateway: thinking with its
/// signature, text, tool use, stop reason and the cache split of the usage, over JSON and SSE answers.
/// </summary>
public sealed class MessagesContractTests : IClassFixture<RecordedGatewayFixture>
{
    private const string Signature = "Eu8BCkYICBgCKkBQiEUQnZ472PwlG5Pdx6VmfbGXQCnh16FDZqVFiQV01m4LENTsv0lKP3v5Yt1abxXCt9+jV8elB/+LsjXyTyyV2XCbv+u+/6qC2CQWHus0Ggjac7Br5Ng3oRDwPPSl3Df4pYGej2fvDsQmr4+J6PBEgwIc2XLCFuD1OvPI1MeGfNgxYmhfiy7AKHzJWZzfC+BGAE=";
    private const string Thinking = "The user asks about the weather in Paris. I don't have live data, so I should call get_weather with Paris, France.";

    private readonly RecordedGatewayFixture _gateway;

    public MessagesContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("anthropic-message-tool-use")]
    public async Task JsonMessageCarriesThinkingTextToolUseAndTheCacheSplit()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Messages.CreateAsync(CassetteRequests.MessageRequest("claude-sonnet-4-6", CassetteRequests.Weather));

        // Assert
        AssertWeatherToolUse(response.Value, "toolu_01ljLJqqRUl3d2SbE27YUWys");
        Assert.Equal("application/json", response.Info.ContentType);
        Assert.Equal(RecordedIds.RequestId("anthropic-message-tool-use"), response.Info.RequestId);
        _gateway.AssertAnsweredBy("anthropic-message-tool-use");
    }

    [Fact]
    [HitsCassette("anthropic-message-sse-nonstream")]
    public async Task NonStreamCallAnsweredWithSseReturnsTheWholeMessage()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Messages.CreateAsync(CassetteRequests.MessageRequest("claude-opus-4-7", CassetteRequests.Weather, stream: false));

        // Assert
        AssertWeatherToolUse(response.Value, "toolu_01jKpWGMT7gJzmmpPx7DYlpB");
        Assert.Equal("claude-opus-4-7", response.Value.Model);
        Assert.Equal("text/event-stream", response.Info.ContentType);
        _gateway.AssertAnsweredBy("anthropic-message-sse-nonstream");
    }

    [Fact]
    [HitsCassette("anthropic-stream")]
    public async Task ClaudeStreamYieldsEveryEventButPingAndCompletes()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Messages.CreateStreamingAsync(CassetteRequests.MessageRequest("claude-sonnet-4-6", CassetteRequests.Weather));

        // Act
        var events = await ReadAllAsync(stream);

        // Assert
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(19, events.Count);
        Assert.DoesNotContain(events, e => e.PingEvent is not null);
        Assert.NotNull(events[0].MessageStartEvent);
        Assert.NotNull(events[^1].MessageStopEvent);
        AssertWeatherToolUse(stream.Accumulator.ToMessage(), "toolu_018qJtNHmQvhYAXmKE3xi0ku");
        Assert.Equal(RecordedIds.RequestId("anthropic-stream"), stream.ResponseInfo.RequestId);
        _gateway.AssertAnsweredBy("anthropic-stream");
    }

    [Fact]
    [HitsCassette("anthropic-stream-non-claude")]
    public async Task GatewayBuiltStreamForANonClaudeModelCompletesWithText()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Messages.CreateStreamingAsync(CassetteRequests.MessageRequest("gpt-5.2", CassetteRequests.Weather));

        // Act
        await ReadAllAsync(stream);

        // Assert
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        var message = stream.Accumulator.ToMessage();
        Assert.Equal("chatcmpl-DLRvEGgWe11d3oajmX1nLp4GrxPS7", message.Id);
        var text = Assert.Single(message.Content!).TextBlock!;
        Assert.Equal("I can't check live weather, but Paris in November is usually 5-10 °C.", text.Text);
        Assert.Equal("end_turn", message.StopReason);
        Assert.Equal((13, 21), (message.Usage!.InputTokens, message.Usage.OutputTokens));
        _gateway.AssertAnsweredBy("anthropic-stream-non-claude");
    }

    private static void AssertWeatherToolUse(Message message, string toolUseId)
    {
        Assert.Equal("tool_use", message.StopReason);
        Assert.Collection(message.Content!,
            block =>
            {
                Assert.Equal(Thinking, block.ThinkingBlock!.Thinking);
                Assert.Equal(Signature, block.ThinkingBlock.Signature);
            },
            block => Assert.Equal("I'll check the current weather in Paris for you.", block.TextBlock!.Text),
            block =>
            {
                var toolUse = block.ToolUseBlock!;
                Assert.Equal((toolUseId, "get_weather"), (toolUse.Id, toolUse.Name));
                var input = Assert.IsType<UntypedObject>(toolUse.Input).GetValue();
                Assert.Equal("Paris, France", Assert.IsType<UntypedString>(input["location"]).GetValue());
                Assert.Equal("celsius", Assert.IsType<UntypedString>(input["unit"]).GetValue());
            });
        var usage = EzrouterUsage.From(message.Usage!);
        Assert.Equal((412 + 1536 + 2048, 1536, 2048), (usage.InputTokens, usage.CacheReadTokens, usage.CacheWriteTokens));
        Assert.Equal((1024, 1024), (usage.CacheWrite5mTokens, usage.CacheWrite1hTokens));
        Assert.Equal(187, usage.OutputTokens);
    }

    private static async Task<List<MessageStreamEvent>> ReadAllAsync(MessageStream stream)
    {
        var events = new List<MessageStreamEvent>();
        await foreach (var streamEvent in stream) events.Add(streamEvent);
        return events;
    }
}
