using Ezrouter.Streaming;
using Ezrouter.Tests.Chat;
using Xunit.Abstractions;

namespace Ezrouter.Tests.Limits;

/// <summary>
/// The benchmark's "100 MB stream" check (tests/Ezrouter.Benchmarks, ConstantMemoryCheck) as a test: a 100 MiB chat
/// stream of small events runs in under 16 MB of live managed heap growth, the accumulated text included.
/// </summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class ConstantMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A100MbStreamRunsInUnder16MbOfHeapGrowth()
    {
        // Warm up in its own client, so JIT-time caches are not counted as growth.
        using (var warm = GeneratedSse.Client(() => new GeneratedSse(1 << 20)))
            await foreach (var _ in warm.Chat.CompleteStreamingAsync(ChatCompletionTests.Request())) { }

        GeneratedSse? body = null;
        using var client = GeneratedSse.Client(() => body = new GeneratedSse(100L << 20));
        var baseline = LiveBytes();
        var peak = 0L;
        var events = 0;
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        await foreach (var _ in stream)
        {
            if (++events % 100_000 == 0) peak = Math.Max(peak, LiveBytes() - baseline);
        }
        peak = Math.Max(peak, LiveBytes() - baseline);
        GC.KeepAlive(stream);

        output.WriteLine($"{events:N0} events, {body!.Produced / 1048576.0:F0} MB: live heap growth {peak / 1048576.0:F1} MB");
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.True(body.Produced >= 100L << 20);
        Assert.True(peak < 16L << 20, $"live heap grew {peak / 1048576.0:F1} MB");
    }

    private static long LiveBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
