using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="InflatedContent"/> read every way HttpClient and its callers read a body (buffered, async stream, sync
/// stream, copied): each gives the inflated bytes, stops exactly at the limit, and types a corrupt body; its headers
/// no longer describe the compressed bytes.
/// </summary>
public sealed class InflatedContentTests
{
    private static readonly byte[] Text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("data: {\"x\":1}\n\n", 64)));

    private static byte[] Compress(byte[] plain, DecompressionMethods method)
    {
        using var output = new MemoryStream();
        using (Stream compressor = method switch
        {
            DecompressionMethods.GZip => new GZipStream(output, CompressionLevel.Fastest),
            DecompressionMethods.Deflate => new ZLibStream(output, CompressionLevel.Fastest),
            _ => new BrotliStream(output, CompressionLevel.Fastest),
        })
            compressor.Write(plain);
        return output.ToArray();
    }

    private static InflatedContent Inflated(byte[] wire, DecompressionMethods method, long max, string encoding = "gzip")
    {
        var inner = new ByteArrayContent(wire);
        inner.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" };
        inner.Headers.ContentEncoding.Add(encoding);
        inner.Headers.ContentLength = wire.Length;
        inner.Headers.TryAddWithoutValidation("X-Extra", "kept");
        return new InflatedContent(inner, method, max, (summary, e) => new EzrouterProtocolException(new EzrouterErrorDetails { Summary = summary }, e));
    }

    public static TheoryData<DecompressionMethods> Methods => new() { DecompressionMethods.GZip, DecompressionMethods.Deflate, DecompressionMethods.Brotli };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EveryWayOfReadingGivesTheInflatedBytes(DecompressionMethods method)
    {
        var wire = Compress(Text, method);

        using (var buffered = Inflated(wire, method, Text.Length))
            Assert.Equal(Text, await buffered.ReadAsByteArrayAsync());
        using (var asyncStream = Inflated(wire, method, Text.Length))
        {
            await using var stream = await asyncStream.ReadAsStreamAsync();
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(Text, copy.ToArray());
        }
        using (var syncStream = Inflated(wire, method, Text.Length))
        {
            using var stream = syncStream.ReadAsStream();
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(Text, copy.ToArray());
        }
        using (var arrayReads = Inflated(wire, method, Text.Length))
        {
            await using var stream = await arrayReads.ReadAsStreamAsync();
            var buffer = new byte[Text.Length + 10];
            var total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, total, buffer.Length - total)) > 0) total += read;
            Assert.Equal(Text, buffer[..total]);
        }
        using (var copied = Inflated(wire, method, Text.Length))
        {
            var target = new MemoryStream();
            await copied.CopyToAsync(target);
            Assert.Equal(Text, target.ToArray());
        }
    }

    [Fact]
    public void TheHeadersKeepTheMediaTypeAndDropWhatDescribedTheCompressedBytes()
    {
        using var content = Inflated(Compress(Text, DecompressionMethods.GZip), DecompressionMethods.GZip, Text.Length);

        Assert.Equal("text/event-stream", content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType.CharSet);
        Assert.Equal(["kept"], content.Headers.GetValues("X-Extra"));
        Assert.Empty(content.Headers.ContentEncoding);
        Assert.Null(content.Headers.ContentLength);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task OneByteOverTheLimitIsAProtocolErrorOnEveryRead(DecompressionMethods method)
    {
        var wire = Compress(Text, method);
        var max = Text.Length - 1;

        using (var buffered = Inflated(wire, method, max))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => buffered.ReadAsByteArrayAsync());
            var typed = error as EzrouterProtocolException ?? Assert.IsType<EzrouterProtocolException>(error.InnerException);
            Assert.Equal($"the {method} body inflated past {max} bytes (EzrouterLimits.MaxDecompressedBytes)", typed.Details.Summary);
            Assert.Null(typed.InnerException);
        }
        using (var sync = Inflated(wire, method, max))
        {
            using var stream = sync.ReadAsStream();
            var error = Assert.Throws<EzrouterProtocolException>(() => stream.CopyTo(Stream.Null));
            Assert.Contains($"inflated past {max} bytes", error.Details.Summary);
        }
    }

    [Theory]
    [InlineData(DecompressionMethods.GZip, typeof(InvalidDataException))]
    [InlineData(DecompressionMethods.Deflate, typeof(InvalidDataException))]
    [InlineData(DecompressionMethods.Brotli, typeof(InvalidOperationException))]
    public async Task ACorruptBodyIsAProtocolErrorThatKeepsTheInflatersComplaint(DecompressionMethods method, Type complaint)
    {
        var corrupt = Encoding.UTF8.GetBytes("this was never compressed, whatever the header says");

        using (var async = Inflated(corrupt, method, 1 << 20))
        {
            await using var stream = await async.ReadAsStreamAsync();
            var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => stream.CopyToAsync(Stream.Null));
            Assert.StartsWith($"the {method} body could not be decompressed: ", error.Details.Summary);
            Assert.IsType(complaint, error.InnerException);
        }
        using (var sync = Inflated(corrupt, method, 1 << 20))
        {
            using var stream = sync.ReadAsStream();
            var error = Assert.Throws<EzrouterProtocolException>(() => stream.CopyTo(Stream.Null));
            Assert.StartsWith($"the {method} body could not be decompressed: ", error.Details.Summary);
            Assert.IsType(complaint, error.InnerException);
        }
    }

    [Fact]
    public async Task DisposingItDisposesTheCompressedBody()
    {
        var inner = new ByteArrayContent(Compress(Text, DecompressionMethods.GZip));
        var content = new InflatedContent(inner, DecompressionMethods.GZip, 1 << 20, (s, e) => new EzrouterProtocolException(new EzrouterErrorDetails { Summary = s }, e));

        content.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => inner.ReadAsByteArrayAsync());
    }
}
