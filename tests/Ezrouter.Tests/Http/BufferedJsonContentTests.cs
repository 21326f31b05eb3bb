using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using Ezrouter.Http;

namespace Ezrouter.Tests.Http;

/// <summary>
/// <see cref="BufferedJsonContent"/>: the 200 JSON answer the error handler read, kept in a pooled buffer. It keeps
/// the original headers, and its buffer goes back to the pool on dispose, after any stream over it is disposed, so no
/// stream ever shows bytes another answer wrote into the reused buffer.
/// </summary>
public class BufferedJsonContentTests
{
    private static (BufferedJsonContent Content, byte[] Buffer) Make(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(buffer, 0);
        var original = new StringContent(json);
        original.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        original.Headers.TryAddWithoutValidation("X-Extra", ["a", "b"]);
        return (new BufferedJsonContent(buffer, bytes.Length, original), buffer);
    }

    [Fact]
    public async Task Keeps_the_body_and_the_original_headers()
    {
        var (content, _) = Make("""{"object":"list"}""");
        using (content)
        {
            Assert.Equal("""{"object":"list"}""", Encoding.UTF8.GetString(content.Body));
            Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", content.Headers.ContentType?.CharSet);
            Assert.Equal(["a", "b"], content.Headers.GetValues("X-Extra"));
            Assert.Equal(17, content.Headers.ContentLength);
            Assert.Equal("""{"object":"list"}""", await content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_stream_handed_out_is_disposed_with_the_content_so_it_never_shows_a_reused_buffer()
    {
        var (content, buffer) = Make("""{"id":"kept"}""");
        var stream = await content.ReadAsStreamAsync();
        Assert.Equal("""{"id":"kept"}""", await new StreamReader(stream, leaveOpen: true).ReadToEndAsync());
        content.Dispose();
        // The buffer is back in the pool (a rent on this thread gets it and overwrites it): the stream must not read it.
        var reused = ArrayPool<byte>.Shared.Rent(buffer.Length);
        reused.AsSpan().Fill((byte)'x');
        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
        ArrayPool<byte>.Shared.Return(reused);
    }

    [Fact]
    public void A_body_read_in_place_goes_back_to_the_pool_and_is_not_readable_after_dispose()
    {
        var (content, buffer) = Make("""{"id":"pooled"}""");
        Assert.Equal(15, content.Body.Length);
        content.Dispose();
        Assert.Throws<ObjectDisposedException>(() => content.Body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        Assert.Same(buffer, rented);
        ArrayPool<byte>.Shared.Return(rented);
    }

    [Fact]
    public void The_content_read_is_disposed_once_its_body_is_buffered()
    {
        var original = new DisposeRecordingContent();
        using var content = new BufferedJsonContent(ArrayPool<byte>.Shared.Rent(2), 2, original);
        Assert.True(original.Disposed);
    }

    [Fact]
    public async Task A_stream_over_the_body_is_read_only()
    {
        var (content, _) = Make("""{"id":"ro"}""");
        using (content)
        {
            using var stream = await content.ReadAsStreamAsync();
            Assert.False(stream.CanWrite);
            Assert.Throws<NotSupportedException>(() => stream.WriteByte((byte)'x'));
        }
    }

    private sealed class DisposeRecordingContent : ByteArrayContent
    {
        public DisposeRecordingContent() : base("{}"u8.ToArray()) { }

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
