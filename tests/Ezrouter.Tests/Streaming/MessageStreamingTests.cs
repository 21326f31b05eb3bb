using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Messages;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions.Serialization;
using RichardSzalay.MockHttp;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>Anthropic streams on the Anthropic surface: typed events, accumulation, and the three endings.</summary>
public class MessageStreamingTests
{
    private const string Url = "https://www.ezrouter.dev/anthropic/v1/messages";

    internal static CreateMessageRequest Request() => new()
    {
        Model = "claude-sonnet-4-6",
        MaxTokens = 1024,
        Messages = [new() { Role = "user", Content = new() { String = "Weather in Paris?" } }],
    };

    private static EzrouterClient ClientAnswering(string body, Delivery? delivery = null, string contentType = "text/event-stream")
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Response(body, contentType, "20261121777", delivery: delivery));
        return TestClients.Create(mock);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task StreamYieldsTypedEventsSkipsPingsAndCompletes(Delivery delivery)
    {
        using var client = ClientAnswering(Payloads.AnthropicMessageSse, delivery);
        var stream = client.Messages.CreateStreamingAsync(Request());
        var events = new List<MessageStreamEvent>();

        await foreach (var e in stream) events.Add(e);

        Assert.Equal(15, events.Count);
        Assert.DoesNotContain(events, e => e.PingEvent is not null);
        Assert.NotNull(events[0].MessageStartEvent);
        Assert.NotNull(events[^1].MessageStopEvent);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal("20261121777", stream.ResponseInfo.RequestId);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task AccumulatedStreamEqualsTheJsonMessage(Delivery delivery)
    {
        using var client = ClientAnswering(Payloads.AnthropicMessageSse, delivery);

        var message = await client.Messages.CreateStreamingAsync(Request()).GetFinalMessageAsync();

        var thinking = message.Content![0].ThinkingBlock!;
        Assert.Equal("The user wants weather.", thinking.Thinking);
        Assert.Equal("EqQBCgIYAhIM", thinking.Signature);
        Assert.Equal("Let me check.", message.Content[1].TextBlock!.Text);
        var input = Assert.IsType<UntypedObject>(message.Content[2].ToolUseBlock!.Input);
        Assert.Equal("Paris", ((UntypedString)input.GetValue()["city"]).GetValue());
        Assert.Equal("tool_use", message.StopReason);
        Assert.Equal(64, message.Usage!.OutputTokens);
        Assert.Equal(1000, message.Usage.CacheReadInputTokens);
        Assert.Equal(100, message.Usage.CacheCreation!.Ephemeral1hInputTokens);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task NonStreamCallAnsweredWithSseReturnsTheWholeMessage(Delivery delivery)
    {
        using var client = ClientAnswering(Payloads.AnthropicMessageSse, delivery);

        var result = await client.Messages.CreateAsync(Request());

        Assert.Equal("msg_03", result.Value.Id);
        Assert.Equal("Let me check.", result.Value.Content![1].TextBlock!.Text);
        Assert.Equal("get_weather", result.Value.Content[2].ToolUseBlock!.Name);
        Assert.Equal("tool_use", result.Value.StopReason);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task ErrorEventRaisesAStreamErrorInTheAnthropicTaxonomy(Delivery delivery)
    {
        var body = Payloads.AnthropicMessageSse[..Payloads.AnthropicMessageSse.IndexOf("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2", StringComparison.Ordinal)]
            + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n\n";
        using var client = ClientAnswering(body, delivery);
        var stream = client.Messages.CreateStreamingAsync(Request());

        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => stream.GetFinalMessageAsync());

        Assert.Equal(ErrorTaxonomy.Anthropic, error.Taxonomy);
        Assert.Equal("overloaded_error", error.ErrorType);
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        var partial = Assert.IsType<Message>(error.PartialResponse);
        Assert.Equal("Let me check.", partial.Content![1].TextBlock!.Text);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task StreamWithoutMessageStopIsTruncatedAndKeepsPartialToolInput(Delivery delivery)
    {
        var cut = Payloads.AnthropicMessageSse[..Payloads.AnthropicMessageSse.IndexOf("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ris", StringComparison.Ordinal)];
        using var client = ClientAnswering(cut, delivery);

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.Messages.CreateStreamingAsync(Request()).GetFinalMessageAsync());

        var partial = Assert.IsType<Message>(error.PartialResponse);
        Assert.Equal("{\"city\": \"Pa", ((UntypedString)partial.Content![2].ToolUseBlock!.Input!).GetValue());
    }

    [Fact]
    public async Task JsonAnswerToAStreamRequestArrivesAsTheEventsThatRebuildIt()
    {
        using var client = ClientAnswering(Payloads.AnthropicMessageJson, contentType: "application/json");
        var stream = client.Messages.CreateStreamingAsync(Request());

        var message = await stream.GetFinalMessageAsync();

        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal("Let me check.", message.Content![1].TextBlock!.Text);
        Assert.Equal("tool_use", message.StopReason);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task UnknownEventTypesAreSkippedAndCounted(Delivery delivery)
    {
        var body = "event: future_event\ndata: {\"type\":\"future_event\",\"x\":1}\n\n" + Payloads.AnthropicMessageSse;
        using var client = ClientAnswering(body, delivery);
        var stream = client.Messages.CreateStreamingAsync(Request());

        await stream.GetFinalMessageAsync();

        Assert.Equal(1, stream.SkippedEvents);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task AnUnmodelledContentBlockTypeSurvivesAggregationWithItsFields(Delivery delivery)
    {
        var body = Payloads.AnthropicMessageSse.Replace(
            "event: message_delta",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{\"query\":\"paris weather\"}}}\n\n\nevent: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":3}\n\n\nevent: message_delta");
        using var client = ClientAnswering(body, delivery);

        var message = (await client.Messages.CreateAsync(Request())).Value;

        var unknown = message.Content![3];
        Assert.Null(unknown.TextBlock);
        Assert.Equal("server_tool_use", unknown.AdditionalData["type"]);
        Assert.Equal("srvtoolu_1", unknown.AdditionalData["id"]);
        Assert.Contains("{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\"", Generated.GeneratedClientTests.WriteRequest(Generated.GeneratedClientTests.AssistantTurn(message)));
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task SnapshotsAndEventsAlreadyHandedOutDoNotChangeAsMoreEventsArrive(Delivery delivery)
    {
        using var client = ClientAnswering(Payloads.AnthropicMessageSse, delivery);
        var stream = client.Messages.CreateStreamingAsync(Request());
        Message? early = null;
        ContentBlock? startedBlock = null;

        await foreach (var e in stream)
        {
            if (e.ContentBlockStartEvent is { Index: 1 } start)
            {
                startedBlock = start.ContentBlock;
                early = stream.Accumulator.ToMessage();
            }
        }
        var final = stream.Accumulator.ToMessage();

        Assert.Equal("", startedBlock!.TextBlock!.Text);
        Assert.Equal("", early!.Content![1].TextBlock!.Text);
        Assert.Equal("Let me check.", final.Content![1].TextBlock!.Text);
        Assert.NotSame(early.Usage, final.Usage);
    }
}
