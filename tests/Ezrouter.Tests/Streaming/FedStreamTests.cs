using System.Threading.Channels;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// A stream whose body the test feeds event by event on a test clock: the idle limit measures only the server's
/// silence while the caller waits (not a caller holding an event), a dropped connection says so, and a stream left
/// early leaves no timer behind.
/// </summary>
public sealed class FedStreamTests
{
    private const string Chunk =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(45);

    private readonly ManualTimeProvider _time = new();
    private readonly FedBody _body = new();

    private EzrouterClient Client()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions").Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(_body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        return TestClients.Create(mock, o =>
        {
            o.TimeProvider = _time;
            o.Timeouts = new EzrouterTimeouts { Connect = null, FirstByte = null, Idle = Idle, Total = null };
        });
    }

    /// <summary>Starts the stream and takes its first event, which arrives after a wait (so the idle timer is armed at 0 s).</summary>
    private async Task<IAsyncEnumerator<CreateChatCompletionStreamResponse>> FirstEventAsync(EzrouterClient client)
    {
        var chunks = client.Chat.CompleteStreamingAsync(new() { Model = "m" }).GetAsyncEnumerator();
        var first = chunks.MoveNextAsync().AsTask();
        await _time.WaitForTimerAsync();
        _body.Feed(Chunk);
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(5)));
        return chunks;
    }

    [Fact]
    public async Task AWaitThatBeganAfterTheTimerWasArmedGetsItsFullIdleLimit()
    {
        // Arrange: the caller holds the first event for 20 s, then waits for the next.
        using var client = Client();
        await using var chunks = await FirstEventAsync(client);
        _time.Advance(TimeSpan.FromSeconds(20));
        var next = chunks.MoveNextAsync().AsTask();

        // Act: at 45 s the server has been silent for 25 s only; at 65 s for the full 45 s.
        _time.Advance(TimeSpan.FromSeconds(25));
        var cutEarly = next.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(20));
        var error = await Record.ExceptionAsync(() => next.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.False(cutEarly);
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal((TimeoutKind.Idle, Idle), (timeout.Kind, timeout.Limit));
        Assert.Equal("Hi", Assert.IsType<CreateChatCompletionResponse>(timeout.PartialResponse).Choices![0].Message!.Content);
    }

    [Fact]
    public async Task ACallerHoldingAnEventPastTheIdleLimitIsNotCutAndTheNextSilenceStillIs()
    {
        // Arrange: the idle timer comes due at 45 s while the caller still holds the first event.
        using var client = Client();
        await using var chunks = await FirstEventAsync(client);
        _time.Advance(TimeSpan.FromSeconds(50));
        var next = chunks.MoveNextAsync().AsTask();

        // Act: the server is then silent from 50 s to 95 s.
        _time.Advance(TimeSpan.FromSeconds(44));
        var cutEarly = next.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        var error = await Record.ExceptionAsync(() => next.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.False(cutEarly);
        Assert.Equal(TimeoutKind.Idle, Assert.IsType<EzrouterTimeoutException>(error).Kind);
    }

    [Fact]
    public async Task AConnectionDroppedMidStreamIsATruncationThatSaysSoAndKeepsWhatArrived()
    {
        // Arrange
        using var client = Client();
        await using var chunks = await FirstEventAsync(client);

        // Act
        var next = chunks.MoveNextAsync().AsTask();
        _body.Drop(new IOException("connection reset by peer"));
        var error = await Record.ExceptionAsync(() => next.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var truncated = Assert.IsType<EzrouterStreamTruncatedException>(error);
        Assert.Contains("the connection dropped mid-stream: connection reset by peer", truncated.Message, StringComparison.Ordinal);
        Assert.Equal("Hi", Assert.IsType<CreateChatCompletionResponse>(truncated.PartialResponse).Choices![0].Message!.Content);
    }

    [Fact]
    public async Task AStreamLeftEarlyLeavesNoTimerArmed()
    {
        // Arrange
        using var client = Client();
        var chunks = await FirstEventAsync(client);
        Assert.Equal(1, _time.PendingTimers);

        // Act
        await chunks.DisposeAsync();

        // Assert
        Assert.Equal(0, _time.PendingTimers);
    }

    /// <summary>A response body that gives what the test feeds it, when it feeds it, and fails when told to.</summary>
    private sealed class FedBody : ForwardOnlyStream
    {
        private readonly Channel<object> _parts = Channel.CreateUnbounded<object>();
        private ReadOnlyMemory<byte> _rest;

        public void Feed(string text) => _parts.Writer.TryWrite(System.Text.Encoding.UTF8.GetBytes(text));

        public void Drop(Exception e) => _parts.Writer.TryWrite(e);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_rest.IsEmpty)
            {
                var part = await _parts.Reader.ReadAsync(cancellationToken);
                if (part is Exception e) throw e;
                _rest = (byte[])part;
            }
            var n = Math.Min(buffer.Length, _rest.Length);
            _rest[..n].CopyTo(buffer);
            _rest = _rest[n..];
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
