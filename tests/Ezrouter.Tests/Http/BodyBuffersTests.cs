using Ezrouter.Http;

namespace Ezrouter.Tests.Http;

/// <summary>
/// A whole body is buffered on what arrives, not on what the server declares, and a large buffer is not kept in the
/// shared pool after the answer that needed it.
/// </summary>
public sealed class BodyBuffersTests
{
    [Fact]
    public async Task A_huge_declared_length_with_a_short_body_allocates_only_what_arrives()
    {
        var body = new MemoryStream("{\"a\":1}"u8.ToArray());
        // Warm the pool's and the reader's first use, so the measure sees only this read.
        await JsonAnswer.ReadBodyAsync(new MemoryStream("{}"u8.ToArray()), 2, 1L << 30, default);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = await JsonAnswer.ReadBodyAsync(body, contentLength: 200_000_000, limit: 1L << 30, default);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(read);
        Assert.Equal(7, read.Value.Length);
        Assert.True(read.Value.Buffer.Length <= BodyBuffers.PooledMax, $"the first buffer was {read.Value.Buffer.Length} bytes");
        Assert.True(allocated < 4 * BodyBuffers.PooledMax, $"{allocated} bytes allocated for a 7-byte body");
        BodyBuffers.Return(read.Value.Buffer);
    }

    [Fact]
    public async Task A_body_larger_than_the_first_buffer_is_read_whole_through_growth()
    {
        var payload = new byte[3 * BodyBuffers.PooledMax + 17];
        Random.Shared.NextBytes(payload);

        var read = await JsonAnswer.ReadBodyAsync(new MemoryStream(payload), payload.Length, 1L << 30, default);

        Assert.NotNull(read);
        Assert.Equal(payload.Length, read.Value.Length);
        Assert.True(payload.AsSpan().SequenceEqual(read.Value.Buffer.AsSpan(0, read.Value.Length)));
        BodyBuffers.Return(read.Value.Buffer);
    }

    [Theory]
    [InlineData(null, 1L << 30, 16 * 1024)]
    [InlineData(100L, 1L << 30, 101)]
    [InlineData(100L, 50L, 51)]
    [InlineData(5_000_000L, 1L << 30, BodyBuffers.PooledMax)]
    public void The_first_buffer_follows_the_declared_length_up_to_one_mebibyte(long? declared, long limit, int expected) =>
        Assert.Equal(expected, BodyBuffers.InitialSize(declared, limit));

    [Fact]
    public void Only_small_buffers_come_from_and_go_back_to_the_pool()
    {
        var small = BodyBuffers.Rent(1000);
        BodyBuffers.Return(small);
        Assert.Same(small, BodyBuffers.Rent(1000));

        var large = BodyBuffers.Rent(BodyBuffers.PooledMax + 1);
        Assert.Equal(BodyBuffers.PooledMax + 1, large.Length);
        BodyBuffers.Return(large);
        Assert.NotSame(large, BodyBuffers.Rent(BodyBuffers.PooledMax + 1));
    }

    [Fact]
    public void A_buffer_of_exactly_the_pooled_maximum_is_still_pooled()
    {
        var edge = BodyBuffers.Rent(BodyBuffers.PooledMax);
        BodyBuffers.Return(edge);
        Assert.Same(edge, BodyBuffers.Rent(BodyBuffers.PooledMax));
        BodyBuffers.Return(edge);
    }
}
