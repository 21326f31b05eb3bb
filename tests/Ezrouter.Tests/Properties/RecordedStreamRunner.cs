using System.Net;
using Ezrouter.Streaming;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Corpus;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Tests.Properties;

/// <summary>
/// Runs a recorded stream's bytes through the SDK, as the properties need it: each event the stream hands out,
/// its aggregate, and the non-stream call's result on the same bytes. One client for every run (its transport
/// answers with the bytes of the run in flight, which flow with the call), so a property's 100 runs stay fast.
/// </summary>
internal static class RecordedStreamRunner
{
    public sealed record Run(IReadOnlyList<IParsable> Events, IParsable Aggregate, IParsable NonStream, StreamOutcome Outcome);

    private static readonly AsyncLocal<Func<HttpContent>?> Body = new();

    private static readonly Lazy<EzrouterClient> Client = new(() => CorpusRunner.Client(new Transport()));

    /// <summary>Streams and aggregates <paramref name="content"/> (a fresh body per request) on the surface's two calls.</summary>
    public static async Task<Run> RunAsync(bool anthropic, Func<HttpContent> content)
    {
        Body.Value = content;
        var client = Client.Value;
        var events = new List<IParsable>();
        if (anthropic)
        {
            var stream = client.Messages.CreateStreamingAsync(MessageStreamingTests.Request());
            await foreach (var e in stream) events.Add(e);
            var whole = await client.Messages.CreateAsync(MessageStreamingTests.Request());
            return new Run(events, stream.Accumulator.ToMessage(), whole.Value, stream.Outcome);
        }
        else
        {
            var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
            await foreach (var e in stream) events.Add(e);
            var whole = await client.Chat.CompleteAsync(ChatCompletionTests.Request());
            return new Run(events, stream.Accumulator.ToCompletion(), whole.Value, stream.Outcome);
        }
    }

    public static Task<Run> RunAsync(bool anthropic, byte[] body) => RunAsync(anthropic, () => new ByteArrayContent(body));

    /// <summary>Runs with a deadline, so a property that hangs fails instead of blocking the suite.</summary>
    public static Run RunNow(bool anthropic, Func<HttpContent> content) =>
        Task.Run(() => RunAsync(anthropic, content)).WaitAsync(CorpusRunner.HangLimit).GetAwaiter().GetResult();

    private sealed class Transport : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null) await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var body = (Body.Value ?? throw new InvalidOperationException("no property run in flight"))();
            var response = Answer.Content(HttpStatusCode.OK, body, "text/event-stream");
            response.RequestMessage = request;
            return response;
        }
    }
}

/// <summary>A body handed out in the read sizes given (cycling), some reads completing only after a yield.</summary>
internal sealed class SplitStream(byte[] bytes, IReadOnlyList<(int Size, bool Async)> reads) : ForwardOnlyStream
{
    private int _position;
    private int _read;

    public override int Read(byte[] buffer, int offset, int count) => Take(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (reads.Count > 0 && reads[_read % reads.Count].Async) await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Take(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _position >= bytes.Length) return 0;
        var size = reads.Count == 0 ? int.MaxValue : reads[_read++ % reads.Count].Size;
        var n = Math.Min(Math.Min(size, buffer.Length), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
