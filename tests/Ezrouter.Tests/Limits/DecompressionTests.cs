using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ezrouter.Http;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit.Abstractions;

namespace Ezrouter.Tests.Limits;

/// <summary>
/// <see cref="EzrouterLimits.Decompression"/>: nothing is inflated unless the caller asked, a body in an encoding not
/// asked for (or corrupt) is a typed protocol error on every call, and an inflated body is bounded.
/// </summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class DecompressionTests(ITestOutputHelper output)
{
    private const string ChatSse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n"
        + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    public static TheoryData<string, string> EncodingsAndCalls()
    {
        var data = new TheoryData<string, string>();
        foreach (var encoding in new[] { "gzip", "deflate", "br", "x-unknown", "gzip, br" })
            foreach (var call in new[] { "chat", "chat stream", "messages", "messages stream", "models" })
                data.Add(encoding, call);
        return data;
    }

    [Theory]
    [MemberData(nameof(EncodingsAndCalls))]
    public async Task AnEncodingNotAskedForIsAProtocolErrorOnEveryCall(string encoding, string call)
    {
        // The body is plain text under the label, as a misconfigured proxy sends it.
        var (client, requests) = Client(call == "models" ? Payloads.ModelsList : call.StartsWith("messages") ? Payloads.AnthropicMessageSse : ChatSse,
            call == "models" ? "application/json" : "text/event-stream", encoding, _ => { });
        using var _ = client;

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => Call(client, call));

        Assert.Contains($"Content-Encoding: {encoding}", error.Message);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("20261202gzip", error.RequestId);
        Assert.Empty(requests[0].Headers.AcceptEncoding);
    }

    public static TheoryData<string> Encodings => new() { "gzip", "deflate", "br" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task AnEncodingAskedForIsAskedForAndInflated(string encoding)
    {
        var (client, requests) = Client(Compress(Encoding.UTF8.GetBytes(ChatSse), encoding), "text/event-stream", encoding, o => o.Limits.Decompression = DecompressionMethods.All);
        using var _ = client;

        var answer = await client.Chat.CompleteAsync(ChatCompletionTests.Request());
        var streamed = await client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync();

        Assert.Equal("Hi", answer.Value.Choices![0].Message!.Content);
        Assert.Equal("Hi", streamed.Choices![0].Message!.Content);
        Assert.Equal(["gzip", "deflate", "br"], requests[0].Headers.AcceptEncoding.Select(e => e.Value));
    }

    [Theory]
    [InlineData("gzip", "chat")]
    [InlineData("gzip", "chat stream")]
    [InlineData("deflate", "messages stream")]
    [InlineData("br", "chat")]
    [InlineData("br", "messages stream")]
    public async Task ACorruptBodyInAnEncodingAskedForIsAProtocolError(string encoding, string call)
    {
        var body = call.StartsWith("messages") ? Payloads.AnthropicMessageSse : ChatSse;
        var (client, _) = Client(Encoding.UTF8.GetBytes(body), "text/event-stream", encoding, o => o.Limits.Decompression = DecompressionMethods.All);
        using var _c = client;

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => Call(client, call));

        Assert.Contains("could not be decompressed", error.Message);
        Assert.Equal("20261202gzip", error.RequestId);
    }

    [Fact]
    public async Task AGzipBombOfOneGibIsTypedAndReadOnlyToTheEventLimit()
    {
        var bomb = Compress(Repeat((byte)'a', 1L << 30), "gzip");
        output.WriteLine($"bomb: {bomb.Length / 1048576.0:F2} MB of gzip inflating to 1 GiB");
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var (client, _) = Client(bomb, "text/event-stream", "gzip", o => o.Limits.Decompression = DecompressionMethods.GZip);
        using var _c = client;

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        // Everything allocated since, garbage included (measured: 32 MB; the transport used to inflate it whole, 2 GB).
        var growth = GC.GetTotalMemory(forceFullCollection: false) - baseline;
        output.WriteLine($"gzip bomb: heap growth {growth / 1048576.0:F1} MB; {error.Message}");
        Assert.Contains("MaxEventBytes", error.Message);
        Assert.True(growth < 48L << 20, $"heap grew {growth / 1048576.0:F1} MB");
    }

    [Fact]
    public async Task ABodyInflatingPastItsLimitIsTyped()
    {
        // Comment lines: events stay small, so the inflated size is the limit that stops it.
        var comments = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(": keep-alive\n", 200_000)));
        var (client, _) = Client(Compress(comments, "gzip"), "text/event-stream", "gzip", o =>
        {
            o.Limits.Decompression = DecompressionMethods.GZip;
            o.Limits.MaxDecompressedBytes = 1 << 20;
        });
        using var _c = client;

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        Assert.Contains($"inflated past {1 << 20} bytes (EzrouterLimits.MaxDecompressedBytes)", error.Message);
    }

    [Fact]
    public void TheDefaultTransportInflatesNothing()
    {
        using var transport = (SocketsHttpHandler)EzrouterClientFactory.CreateTransport(new EzrouterClientOptions());

        Assert.Equal(DecompressionMethods.None, transport.AutomaticDecompression);
        Assert.Equal(DecompressionMethods.None, new EzrouterLimits().Decompression);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EzrouterLimits { Decompression = (DecompressionMethods)64 });
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli, new EzrouterLimits { Decompression = DecompressionMethods.All }.Decompression);
    }

    private static Task Call(EzrouterClient client, string call) => call switch
    {
        "chat" => client.Chat.CompleteAsync(ChatCompletionTests.Request()),
        "chat stream" => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync(),
        "messages" => client.Messages.CreateAsync(MessageStreamingTests.Request()),
        "messages stream" => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync(),
        _ => client.Models.ListAsync(),
    };

    private static (EzrouterClient, List<HttpRequestMessage>) Client(string body, string contentType, string encoding, Action<EzrouterClientOptions> configure) =>
        Client(Encoding.UTF8.GetBytes(body), contentType, encoding, configure);

    private static (EzrouterClient, List<HttpRequestMessage>) Client(byte[] body, string contentType, string encoding, Action<EzrouterClientOptions> configure)
    {
        var requests = new List<HttpRequestMessage>();
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            requests.Add(request);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            foreach (var e in encoding.Split(", ")) response.Content.Headers.ContentEncoding.Add(e);
            response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", "20261202gzip");
            return response;
        });
        return (TestClients.Create(mock, configure), requests);
    }

    private static byte[] Compress(byte[] data, string encoding) => Compress(new MemoryStream(data), encoding);

    private static byte[] Compress(Stream data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
        })
            data.CopyTo(compressor);
        return output.ToArray();
    }

    private static Stream Repeat(byte value, long length)
    {
        // Made as it is read: the bomb's plain text is never held whole.
        return new RepeatStream(Enumerable.Repeat(value, 1 << 20).ToArray(), length);
    }

    private sealed class RepeatStream(byte[] block, long length) : Stream
    {
        private long _position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, block.Length), length - _position);
            Array.Copy(block, 0, buffer, offset, n);
            _position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
