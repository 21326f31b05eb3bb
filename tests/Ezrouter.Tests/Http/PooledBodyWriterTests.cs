using Ezrouter.Http;

namespace Ezrouter.Tests.Http;

/// <summary><see cref="PooledBodyWriter"/> keeps every byte across growth, and hands out room in its current buffer.</summary>
public sealed class PooledBodyWriterTests
{
    [Fact]
    public void BytesWrittenAcrossManyGrowthsAreKeptInOrder()
    {
        using var writer = new PooledBodyWriter();
        var expected = new List<byte>();
        for (var i = 0; i < 3000; i++)
        {
            var chunk = Enumerable.Range(0, i % 97 + 1).Select(b => (byte)(b + i)).ToArray();
            // Memory and span alternately: both must point into the buffer as it is after growing.
            if (i % 2 == 0) chunk.CopyTo(writer.GetMemory(chunk.Length).Span);
            else chunk.CopyTo(writer.GetSpan(chunk.Length));
            writer.Advance(chunk.Length);
            expected.AddRange(chunk);
        }

        Assert.Equal(expected.ToArray(), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void RoomIsAtLeastWhatWasAskedAndNeverNone()
    {
        using var writer = new PooledBodyWriter();
        writer.Advance(writer.GetSpan().Length);

        Assert.True(writer.GetSpan().Length >= 1);
        Assert.True(writer.GetMemory(5000).Length >= 5000);
    }

    [Fact]
    public void AdvancingPastTheRoomOrBackwardsIsRefused()
    {
        using var writer = new PooledBodyWriter();
        var room = writer.GetSpan().Length;

        Assert.Throws<InvalidOperationException>(() => writer.Advance(room + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.GetSpan(-1));
    }

    [Fact]
    public void ClearStartsOverAndDisposeLeavesNothing()
    {
        var writer = new PooledBodyWriter();
        "abc"u8.CopyTo(writer.GetSpan(3));
        writer.Advance(3);
        writer.Clear();
        "d"u8.CopyTo(writer.GetSpan(1));
        writer.Advance(1);

        Assert.Equal("d"u8.ToArray(), writer.WrittenSpan.ToArray());
        writer.Dispose();
        Assert.Equal(0, writer.WrittenSpan.Length);
    }
}
