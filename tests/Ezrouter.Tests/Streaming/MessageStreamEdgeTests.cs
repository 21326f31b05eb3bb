using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// Where an Anthropic stream stops and what it says when it does: nothing after <c>message_stop</c> is read, unknown
/// events are skipped and counted (pings are not), and each failure names what went wrong with what arrived.
/// </summary>
public sealed class MessageStreamEdgeTests
{
    private const string Url = "https://www.ezrouter.dev/anthropic/v1/messages";

    private static EzrouterClient ClientAnswering(string body)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Response(body, "text/event-stream", "20261121777"));
        return TestClients.Create(mock);
    }

    [Fact]
    public async Task NothingAfterMessageStopIsRead()
    {
        // Arrange: bytes after the terminal event that would fail the stream if they were read.
        using var client = ClientAnswering(Payloads.AnthropicMessageSse + "event: content_block_delta\ndata: {not json\n\n");
        var stream = client.Messages.CreateStreamingAsync(MessageStreamingTests.Request());
        var events = new List<MessageStreamEvent>();

        // Act
        await foreach (var e in stream) events.Add(e);

        // Assert
        Assert.Equal(15, events.Count);
        Assert.NotNull(events[^1].MessageStopEvent);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
    }

    [Fact]
    public async Task UnknownEventsAreNeitherYieldedNorConfusedWithPings()
    {
        // Arrange: two events of a type not modelled, around a body that has one ping.
        const string unknown = "event: future_event\ndata: {\"type\":\"future_event\",\"x\":1}\n\n";
        using var client = ClientAnswering(unknown + unknown + Payloads.AnthropicMessageSse);
        var stream = client.Messages.CreateStreamingAsync(MessageStreamingTests.Request());
        var events = new List<MessageStreamEvent>();

        // Act
        await foreach (var e in stream) events.Add(e);

        // Assert
        Assert.Equal(15, events.Count);
        Assert.NotNull(events[0].MessageStartEvent);
        Assert.Equal(2, stream.SkippedEvents);
    }

    [Fact]
    public async Task ABodyEndingBeforeMessageStopSaysWhichEventItMissedAfterHowMany()
    {
        // Arrange: the first two events only.
        var cut = Payloads.AnthropicMessageSse[..Payloads.AnthropicMessageSse.IndexOf("event: ping", StringComparison.Ordinal)];
        using var client = ClientAnswering(cut);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync());

        // Assert
        Assert.Contains("the stream closed before message_stop after 2 events", error.Message, StringComparison.Ordinal);
        Assert.Equal("msg_03", Assert.IsType<Message>(error.PartialResponse).Id);
    }

    [Fact]
    public async Task AnErrorEventWithoutAnErrorObjectIsStillAStreamErrorThatSaysSo()
    {
        // Arrange
        using var client = ClientAnswering(Payloads.AnthropicMessageSse[..Payloads.AnthropicMessageSse.IndexOf("event: ping", StringComparison.Ordinal)] +
            "event: error\ndata: {\"type\":\"error\"}\n\n");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync());

        // Assert
        Assert.Contains("the stream sent an error event", error.Message, StringComparison.Ordinal);
        Assert.Equal("msg_03", Assert.IsType<Message>(error.PartialResponse).Id);
    }

    [Fact]
    public async Task AMalformedFirstEventFailsWithNoPartialMessage()
    {
        // Arrange
        using var client = ClientAnswering("event: message_start\ndata: {not json\n\n");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync());

        // Assert: nothing arrived, so there is nothing partial to keep.
        Assert.Contains("stream event 1 is malformed", error.Message, StringComparison.Ordinal);
        Assert.Null(error.PartialResponse);
    }

    [Fact]
    public async Task ABareErrorAfterTheEventsIsAStreamErrorNotATruncation()
    {
        // Arrange: the gateway relays an upstream's failure as bare JSON in the 200 body, with no SSE framing.
        using var client = ClientAnswering(Payloads.AnthropicMessageSse[..Payloads.AnthropicMessageSse.IndexOf("event: ping", StringComparison.Ordinal)] +
            "{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync());

        // Assert
        Assert.Equal(("overloaded_error", "Overloaded"), (error.ErrorType, error.GatewayMessage));
        Assert.Equal("msg_03", Assert.IsType<Message>(error.PartialResponse).Id);
    }
}
