using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Transport;
using Ezrouter.Streaming;

namespace Ezrouter.Benchmarks.Quick;

/// <summary>
/// Streams a 100 MB chat body, made on the fly, through <c>Chat.CompleteStreamingAsync</c> and records the live
/// managed heap (after a full collection) every 50 000 events and at the end, with the stream still referenced.
/// Growth is the largest of those minus the heap before the call. The accumulated completion text is part of it:
/// the stream keeps what arrived (its <c>Accumulator</c>), by design.
/// </summary>
internal static class ConstantMemoryCheck
{
    public const long StreamBytes = 100L * 1024 * 1024;
    private const int SampleEvery = 50_000;

    /// <summary>The live heap growth after <see cref="Events"/> events, and the completion text accumulated by then.</summary>
    public readonly record struct Sample(int Events, long GrowthBytes, long TextBytes);

    public sealed record Result(long Bytes, int Events, long MaxGrowthBytes, long AccumulatedTextBytes, TimeSpan Elapsed, IReadOnlyList<Sample> Samples)
    {
        public double MaxGrowthMegabytes => MaxGrowthBytes / (1024.0 * 1024.0);
        public double MegabytesPerSecond => Bytes / (1024.0 * 1024.0) / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(long streamBytes = StreamBytes)
    {
        GeneratedChatStream? body = null;
        var handler = new ReplayHandler(() => body = new GeneratedChatStream(streamBytes), Recording.EventStream);
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-bench", Transport = handler });
        var request = EzrouterContender.ChatRequest();

        await WarmUpAsync().ConfigureAwait(false);
        var baseline = LiveBytes();
        var maxLive = baseline;
        var events = 0;
        long chars = 0;
        var clock = Stopwatch.StartNew();
        var sampling = new Stopwatch();
        var samples = new List<Sample>();
        var stream = client.Chat.CompleteStreamingAsync(request);
        await foreach (var chunk in stream.ConfigureAwait(false))
        {
            events++;
            if (chunk.Choices is { Count: > 0 } choices) chars += choices[0].Delta?.Content?.Length ?? 0;
            if (events % SampleEvery != 0) continue;
            sampling.Start();
            var live = LiveBytes();
            samples.Add(new Sample(events, live - baseline, chars * sizeof(char)));
            maxLive = Math.Max(maxLive, live);
            sampling.Stop();
        }
        clock.Stop();
        var end = LiveBytes();
        samples.Add(new Sample(events, end - baseline, chars * sizeof(char)));
        maxLive = Math.Max(maxLive, end);
        GC.KeepAlive(stream);
        if (stream.Outcome != StreamOutcome.Completed || body is null || chars != body.ContentChars)
            throw new InvalidOperationException($"The 100 MB stream ended {stream.Outcome} after {events} events and {chars} characters.");
        return new Result(body.Produced, events, maxLive - baseline, chars * sizeof(char), clock.Elapsed - sampling.Elapsed, samples);
    }

    /// <summary>The live managed heap: what survives two full, compacting collections.</summary>
    private static long LiveBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>The same path on a small body first, in its own frame, so JIT-time caches are not counted as growth.</summary>
    private static async Task WarmUpAsync()
    {
        var handler = new ReplayHandler(() => new GeneratedChatStream(1024 * 1024), Recording.EventStream);
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-bench", Transport = handler });
        await foreach (var _ in client.Chat.CompleteStreamingAsync(EzrouterContender.ChatRequest()).ConfigureAwait(false)) { }
    }
}
