using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Limits;

/// <summary>
/// A chat-completions SSE body made as it is read, never held whole: a role chunk, content chunks of
/// <see cref="Token"/> up to a size, optionally one event whose line never ends before <c>hugeEventBytes</c>, then the
/// finish chunk and <c>[DONE]</c>. While it is read it samples the managed heap (<see cref="PeakHeapBytes"/>), so a test
/// can see how much the client held while reading it.
/// </summary>
internal sealed class GeneratedSse : Stream
{
    public const string Token = " token";
    private static readonly byte[] Role = Encoding.UTF8.GetBytes("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + Token + "\"}}]}\n\n");
    private static readonly byte[] HugeStart = Encoding.UTF8.GetBytes("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
    private static readonly byte[] End = Encoding.UTF8.GetBytes("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
    private const long SampleEvery = 1L << 20;

    private readonly long _contentBytes;
    private readonly long _hugeEventBytes;
    private readonly long _baseline;
    private long _produced;
    private long _nextSample = SampleEvery;
    private int _stage;
    private long _stageOffset;

    /// <param name="contentBytes">Bytes of content chunks before anything else.</param>
    /// <param name="hugeEventBytes">Then one event of this many bytes (0: none), whose line has no end.</param>
    public GeneratedSse(long contentBytes, long hugeEventBytes = 0)
    {
        _contentBytes = contentBytes;
        _hugeEventBytes = hugeEventBytes;
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Content chunks written (each one <see cref="Token"/>).</summary>
    public long ContentChunks { get; private set; }

    /// <summary>Bytes handed out.</summary>
    public long Produced => _produced;

    /// <summary>The largest growth of <c>GC.GetTotalMemory(false)</c> over the heap when the body was made, sampled every MiB.</summary>
    public long PeakHeapBytes { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _stage < 5)
        {
            var (source, repeatUntil) = _stage switch
            {
                0 => (Role, (long)Role.Length),
                1 => (Content, (_contentBytes + Content.Length - 1) / Content.Length * Content.Length),
                2 => (HugeStart, _hugeEventBytes == 0 ? 0 : HugeStart.Length),
                3 => (null, _hugeEventBytes == 0 ? 0 : _hugeEventBytes - HugeStart.Length),
                _ => (End, (long)End.Length),
            };
            if (_stageOffset >= repeatUntil)
            {
                _stage++;
                _stageOffset = 0;
                continue;
            }
            int count;
            if (source is null)
            {
                count = (int)Math.Min(buffer.Length - written, repeatUntil - _stageOffset);
                buffer.Slice(written, count).Fill((byte)'a');
            }
            else
            {
                var at = (int)(_stageOffset % source.Length);
                count = Math.Min(buffer.Length - written, source.Length - at);
                source.AsSpan(at, count).CopyTo(buffer[written..]);
                if (_stage == 1 && at + count == source.Length) ContentChunks++;
            }
            _stageOffset += count;
            written += count;
        }
        _produced += written;
        if (_produced >= _nextSample)
        {
            _nextSample += SampleEvery;
            PeakHeapBytes = Math.Max(PeakHeapBytes, GC.GetTotalMemory(forceFullCollection: false) - _baseline);
        }
        return written;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>A client whose every chat request is answered with <paramref name="body"/> as SSE.</summary>
    public static EzrouterClient Client(Func<Stream> body, Action<EzrouterClientOptions>? configure = null, string contentType = "text/event-stream")
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body()) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", "20261202limits");
            return response;
        });
        return TestSupport.TestClients.Create(mock, configure);
    }
}
