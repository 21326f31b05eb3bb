using System.Buffers;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// The tail kept of an SSE body (where the gateway's unframed error JSON is found) is exactly its last bytes however
/// the reads fell; an event past the bound stops the body being read any further; and disposal lets go once.
/// </summary>
public sealed class TailRecordingStreamTests
{
    private static byte[] Text(int length) => Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();

    [Theory]
    [InlineData(7)]
    [InlineData(3)]
    [InlineData(25)]
    public void The_tail_is_the_last_bytes_read_in_order_after_the_ring_wraps(int chunk)
    {
        var body = Text(43);
        using var tail = new TailRecordingStream(new MemoryStream(body), capacity: 10);
        var buffer = new byte[chunk];
        while (tail.Read(buffer, 0, chunk) > 0) { }

        Assert.Equal(body[^10..], tail.GetTail());
    }

    [Fact]
    public void A_tail_shorter_than_the_capacity_is_everything_read()
    {
        using var tail = new TailRecordingStream(new MemoryStream(Text(6)), capacity: 10);
        tail.ReadExactly(new byte[6]);

        Assert.Equal(Text(6), tail.GetTail());
    }

    [Fact]
    public async Task An_event_past_the_bound_is_refused_and_the_body_is_read_no_further()
    {
        var inner = new MemoryStream(Text(500));
        using var tail = new TailRecordingStream(inner, maxEventBytes: 100);
        Assert.Equal(30, await tail.ReadAsync(new byte[30]));

        var e = await Assert.ThrowsAsync<EventTooLargeException>(async () => _ = await tail.ReadAsync(new byte[1000]));

        Assert.Equal("a stream event exceeded 100 bytes", e.Message);
        Assert.Equal(100, e.Limit);
        Assert.Equal(100, inner.Position);
    }

    [Fact]
    public void Disposing_it_disposes_the_body()
    {
        var inner = new MemoryStream(Text(5));
        new TailRecordingStream(inner).Dispose();
        Assert.False(inner.CanRead);
    }

    [Fact]
    public void Disposal_gives_the_ring_back_to_the_pool_once()
    {
        // The pool hands this thread the array it returned last: a ring returned twice would be handed out twice.
        var ring = ArrayPool<byte>.Shared.Rent(2048);
        ArrayPool<byte>.Shared.Return(ring);
        var tail = new TailRecordingStream(new MemoryStream(), capacity: 2048);

        tail.Dispose();
        tail.Dispose();

        var first = ArrayPool<byte>.Shared.Rent(2048);
        var second = ArrayPool<byte>.Shared.Rent(2048);
        Assert.Same(ring, first);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void The_body_wrapper_says_it_reads_forward_only()
    {
        using var tail = new TailRecordingStream(new MemoryStream(Text(4)));

        Assert.Equal((true, false, false), (tail.CanRead, tail.CanSeek, tail.CanWrite));
        Assert.Throws<NotSupportedException>(() => tail.Write([1], 0, 1));
    }
}
