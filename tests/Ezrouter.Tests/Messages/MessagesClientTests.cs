using System.Net;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Profiles;
using Ezrouter.Streaming;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Messages;

/// <summary>
/// <c>client.Messages</c> at its edges: refused arguments, what a stream request puts on the wire, the events a JSON
/// answer to a stream request becomes, and the count_tokens answers that are and are not a count.
/// </summary>
public sealed class MessagesClientTests
{
    private const string Url = "https://www.ezrouter.dev/anthropic/v1/messages";
    private const string CountUrl = "https://ezaiapi.com/v1/messages/count_tokens";

    private static CountTokensRequest Count() => new() { Model = "m", Messages = [new() { Role = "user", Content = new() { String = "Hi" } }] };

    private static EzrouterClient CountingClient(Func<HttpResponseMessage> answer)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ => answer());
        return TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);
    }

    [Fact]
    public async Task EveryCallRefusesANullRequestNamingIt()
    {
        using var client = TestClients.Create(new MockHttpMessageHandler());

        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.Messages.CreateAsync(null!))).ParamName);
        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.Messages.CountTokensAsync(null!))).ParamName);
        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => client.Messages.CreateStreamingAsync(null!)).ParamName);
    }

    [Fact]
    public async Task AStreamRequestIsSentWithStreamTrueWithoutChangingTheCallersRequest()
    {
        var mock = new MockHttpMessageHandler();
        string? sent = null;
        mock.When(HttpMethod.Post, Url).Respond(async request =>
        {
            sent = await request.Content!.ReadAsStringAsync();
            return TestClients.Sse(Payloads.AnthropicMessageSse);
        });
        using var client = TestClients.Create(mock);
        var request = MessageStreamingTests.Request();

        await client.Messages.CreateStreamingAsync(request).GetFinalMessageAsync();

        Assert.Contains("\"stream\":true", sent, StringComparison.Ordinal);
        Assert.Null(request.Stream);
    }

    [Fact]
    public async Task AJsonAnswerToAStreamRequestBecomesTheEventsOfAStream()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Json(Payloads.AnthropicMessageJson));
        using var client = TestClients.Create(mock);

        var events = new List<MessageStreamEvent>();
        await foreach (var e in client.Messages.CreateStreamingAsync(MessageStreamingTests.Request())) events.Add(e);

        Assert.Equal(9, events.Count);
        var start = events[0].MessageStartEvent!;
        Assert.Equal(("message_start", "msg_03", "assistant", "claude-sonnet-4-6", 20), (start.Type, start.Message!.Id, start.Message.Role, start.Message.Model, start.Message.Usage!.InputTokens));
        Assert.Empty(start.Message.Content!);
        for (var i = 0; i < 3; i++)
        {
            var blockStart = events[1 + (2 * i)].ContentBlockStartEvent!;
            var blockStop = events[2 + (2 * i)].ContentBlockStopEvent!;
            Assert.Equal(("content_block_start", i), (blockStart.Type, blockStart.Index));
            Assert.Equal(("content_block_stop", i), (blockStop.Type, blockStop.Index));
        }
        Assert.Equal("Let me check.", events[3].ContentBlockStartEvent!.ContentBlock!.TextBlock!.Text);
        var delta = events[7].MessageDeltaEvent!;
        Assert.Equal(("message_delta", "tool_use", 64), (delta.Type, delta.Delta!.StopReason, delta.Usage!.OutputTokens));
        Assert.Equal("message_stop", events[8].MessageStopEvent!.Type);
    }

    [Fact]
    public async Task AJsonAnswerWithoutContentStreamsAnEmptyMessage()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Json("""{"id":"msg_9","type":"message","role":"assistant","stop_reason":"end_turn"}"""));
        using var client = TestClients.Create(mock);
        var stream = client.Messages.CreateStreamingAsync(MessageStreamingTests.Request());

        var message = await stream.GetFinalMessageAsync();

        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(3, stream.Accumulator.EventCount);
        Assert.Equal(("msg_9", "end_turn"), (message.Id, message.StopReason));
        Assert.Empty(message.Content!);
    }

    [Fact]
    public async Task ContentInMessageStartCountsTowardsTheAnswerCap()
    {
        var text = new string('x', 1500);
        var body = $"event: message_start\ndata: {{\"type\":\"message_start\",\"message\":{{\"id\":\"msg_1\",\"content\":[{{\"type\":\"text\",\"text\":\"{text}\"}}]}}}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(body));
        using var client = TestClients.Create(mock, o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync());

        Assert.Contains("MaxAnswerChars", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWholeMessageComesWithTheAnswersHeaders()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Json(Payloads.AnthropicMessageJson, requestId: "20261203000000000000000000000042"));
        using var client = TestClients.Create(mock);

        var info = (await client.Messages.CreateAsync(MessageStreamingTests.Request())).Info;

        Assert.Equal(["20261203000000000000000000000042"], info.Headers["x-oneapi-request-id"]);
        Assert.Equal(["v0.9.6"], info.Headers["X-New-Api-Version"]);
    }

    [Fact]
    public async Task ACountOfZeroIsACount()
    {
        using var client = CountingClient(() => TestClients.Json("""{"input_tokens":0}"""));

        var counted = await client.Messages.CountTokensAsync(Count());

        Assert.Equal(0, counted.Value.InputTokens);
    }

    [Fact]
    public async Task ACountAnswerWithoutABodyIsAProtocolErrorSayingSo()
    {
        using var client = CountingClient(() => new HttpResponseMessage(HttpStatusCode.NoContent));

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Messages.CountTokensAsync(Count()));

        Assert.Contains("the response had no body", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("input_tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageAnswerWithoutABodyIsAProtocolErrorSayingSo()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Messages.CreateAsync(MessageStreamingTests.Request()));

        Assert.Contains("the response had no body", error.Message, StringComparison.Ordinal);
    }
}
