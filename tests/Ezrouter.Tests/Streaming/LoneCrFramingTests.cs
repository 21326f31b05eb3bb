using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// An event is handed out as soon as the blank line that ends it has arrived, whatever the line endings (SSE allows
/// LF, CRLF and a lone CR). Found by the split deliveries: with lone-CR line endings it is not. The SSE parser we use
/// (System.Net.ServerSentEvents' <c>SseParser</c>) holds a line whose last byte so far is CR until the next byte shows
/// whether an LF follows, even when that CR ends the event. So an event ended by CR would wait for the next byte (for
/// the next event, or for the idle limit), and when the connection dropped right after it, the event was lost.
/// TailRecordingStream now turns every CR into LF as it passes (and drops the LF of a CRLF), so it does not.
/// </summary>
public class LoneCrFramingTests
{
    private const string Url = "https://www.ezrouter.dev/v1/chat/completions";

    private static string Event(string content, string eol) =>
        $$"""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"{{content}}"},"finish_reason":null}]}""" + eol + eol;

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public Task AnEventIsHandedOutBeforeTheNextByteArrives(string eol) => AssertHandedOutBeforeTheNextByte(eol);

    [Fact]
    public Task AnEventEndedByALoneCrIsHandedOutBeforeTheNextByteArrives() => AssertHandedOutBeforeTheNextByte("\r");

    [Fact]
    public async Task AnEventEndedByALoneCrBeforeTheConnectionDropsIsKeptInThePartialResponse()
    {
        // The input the split deliveries found (cassette chat-stream-truncated, rewritten to CR line endings), reduced.
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = Delivery.Whole.Content(Event("Hello", "\r") + Event(" there", "\r"), resetAtEnd: true) };
            response.Content.Headers.ContentType = new("text/event-stream");
            return response;
        });
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        Assert.Equal("Hello there", Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse).Choices![0].Message!.Content);
    }

    private static async Task AssertHandedOutBeforeTheNextByte(string eol)
    {
        var body = new OneChunkThenWaitStream(Event("Hello", eol));
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new("text/event-stream");
            return response;
        });
        using var client = TestClients.Create(mock);
        using var stop = new CancellationTokenSource();
        var chunks = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetAsyncEnumerator(stop.Token);

        // The body never sends another byte: the event has to come from what arrived.
        var moved = chunks.MoveNextAsync().AsTask();
        var handedOut = await Task.WhenAny(moved, Task.Delay(TimeSpan.FromSeconds(2))) == moved;
        var content = handedOut && await moved ? chunks.Current.Choices![0].Delta!.Content : null;
        stop.Cancel();
        await Task.WhenAny(moved);
        await chunks.DisposeAsync();

        Assert.True(handedOut, "the event was not handed out while the body waited for more");
        Assert.Equal("Hello", content);
    }
}
