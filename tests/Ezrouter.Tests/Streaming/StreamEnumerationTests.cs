using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// The stream's enumerator, driven by hand as well as by <c>await foreach</c>: it lets go of the connection when the
/// stream ends, and a stream that failed stays ended (a second move never sends the request again).
/// </summary>
public class StreamEnumerationTests
{
    private const string Url = "https://www.ezrouter.dev/v1/chat/completions";

    private const string Sse =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: [DONE]\n\n";

    private sealed class TrackedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task EndOfStreamReleasesTheResponseBeforeTheEnumeratorIsDisposed(Delivery delivery)
    {
        // Arrange
        var body = new TrackedStream(delivery.Bytes(Sse));
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(delivery.Stream(body)) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        using var client = TestClients.Create(mock);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        var enumerator = stream.GetAsyncEnumerator();

        // Act
        var moves = new List<bool>();
        for (var i = 0; i < 4; i++) moves.Add(await enumerator.MoveNextAsync());

        // Assert
        Assert.Equal([true, true, false, false], moves);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.True(body.Disposed);
        await enumerator.DisposeAsync();
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task FailedStreamStaysEndedAndIsNotSentAgain()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sends = 0;
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            sends++;
            return TestClients.Json("""{"error":{"message":"bad key","type":"new_api_error","code":"invalid_api_key"}}""", status: System.Net.HttpStatusCode.Unauthorized);
        });
        using var client = TestClients.Create(mock);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        await using var enumerator = stream.GetAsyncEnumerator();

        // Act
        var error = await Record.ExceptionAsync(() => enumerator.MoveNextAsync().AsTask());
        var again = await enumerator.MoveNextAsync();

        // Assert
        Assert.IsType<EzrouterAuthenticationException>(error);
        Assert.False(again);
        Assert.Equal(1, sends);
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task AFailureMidStreamFaultsTheMoveEndsTheStreamAndLetsGoOfTheConnection(Delivery delivery)
    {
        // Arrange: one good chunk, then a malformed event (delivered whole, all buffered, the failing move runs synchronously).
        var body = new TrackedStream(delivery.Bytes(Sse[..Sse.IndexOf("\n\n", StringComparison.Ordinal)] + "\n\ndata: {not json\n\n"));
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(delivery.Stream(body)) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        using var client = TestClients.Create(mock);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        var enumerator = stream.GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());

        // Act
        var failing = enumerator.MoveNextAsync();
        var error = await Record.ExceptionAsync(() => failing.AsTask());
        var again = await enumerator.MoveNextAsync();

        // Assert: the failure arrives through the ValueTask, the stream stays ended with its first outcome, and the
        // connection was let go of without waiting for DisposeAsync.
        Assert.IsType<EzrouterProtocolException>(error);
        Assert.False(again);
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.True(body.Disposed);
        await enumerator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Delivery.AllButLoneCr), MemberType = typeof(Delivery))]
    public async Task ADroppedConnectionStaysATruncationWhenMovedAgain(Delivery delivery)
    {
        // Arrange: one chunk, then the connection drops.
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = delivery.Content(Sse[..(Sse.IndexOf("\n\n", StringComparison.Ordinal) + 2)], resetAtEnd: true) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        using var client = TestClients.Create(mock);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        await using var enumerator = stream.GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());

        // Act
        var error = await Record.ExceptionAsync(() => enumerator.MoveNextAsync().AsTask());
        var again = await Record.ExceptionAsync(() => enumerator.MoveNextAsync().AsTask());

        // Assert
        Assert.IsType<EzrouterStreamTruncatedException>(error);
        Assert.Null(again);
        Assert.Equal(StreamOutcome.Truncated, stream.Outcome);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task AFailureCleaningUpDoesNotHideTheFailureThatEndedTheStream(Delivery delivery)
    {
        // Arrange: a malformed event, and a body whose disposal throws.
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(delivery.Stream(new ThrowingOnDispose(delivery.Bytes("data: {not json\n\n")))) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        using var client = TestClients.Create(mock);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        var enumerator = stream.GetAsyncEnumerator();

        // Act
        var error = await Record.ExceptionAsync(() => enumerator.MoveNextAsync().AsTask());

        // Assert
        Assert.IsType<EzrouterProtocolException>(error);
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        await enumerator.DisposeAsync();
    }

    private sealed class ThrowingOnDispose(byte[] bytes) : MemoryStream(bytes)
    {
        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) throw new IOException("dispose failed");
        }
    }

    [Fact]
    public void AStreamIsEnumeratedOnce()
    {
        // Arrange
        using var client = TestClients.Create(new MockHttpMessageHandler());
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        _ = stream.GetAsyncEnumerator();

        // Act + Assert
        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
    }
}
