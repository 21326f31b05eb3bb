using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Payloads;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// The client child of one load cell: <c>load-client CONTENDER STREAMS SECONDS WARMUP BASEURL SERVERPID CHAT</c>.
/// N workers share one client; each opens a stream, reads it to the end, and opens the next, so N streams are open
/// at every moment. After a warm-up (the pool holds N connections, the code is tiered) comes the measured window:
/// events read in it, this process's CPU time (so the server's share is excluded), the server's CPU time, time to
/// first event of the streams re-opened by then, and memory sampled every 50 ms; then, the streams still open, the
/// memory left live by full collections. The window ends while the streams are still open; they are drained unmeasured. Only this contender's SDK is loaded here, so the working set is its
/// own. Prints one RESULT line.
/// </summary>
internal static class LoadClient
{
    private const int LiveSamples = 6;

    public static async Task<int> RunAsync(string[] args)
    {
        var name = args[0];
        var streams = int.Parse(args[1], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
        var warmup = double.Parse(args[3], CultureInfo.InvariantCulture);
        using var server = Process.GetProcessById(int.Parse(args[5], CultureInfo.InvariantCulture));
        using var contender = LoadContender.Create(name, new Uri(args[4]));
        var recording = contender.IsMessages ? Recordings.AnthropicThinking : Recordings.ByName(args[6]);

        // Enough pool threads up front that 512 workers do not wait for the pool's slow injection of new threads.
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, Environment.ProcessorCount * 4), minIo);

        // One stream first: it loads the code, and tells how many items this SDK yields per stream (events are the
        // recording's SSE events, the same for every contender, whatever an SDK chooses to yield).
        var probe = await contender.StreamAsync(new LoadContender.EventCounter()).ConfigureAwait(false);
        Check(probe.TextChars, recording);
        var eventsPerItem = (double)recording.Events / probe.Events;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        var workingSetBefore = Environment.WorkingSet / 1048576.0;

        using var stop = new CancellationTokenSource();
        var counters = new LoadContender.EventCounter[streams];
        var tasks = new Task[streams];
        for (var w = 0; w < streams; w++)
        {
            var counter = counters[w] = new LoadContender.EventCounter();
            tasks[w] = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var tally = await contender.StreamAsync(counter).ConfigureAwait(false);
                    // Every stream must be read whole: a contender that skipped text would look cheap.
                    Check(tally.TextChars, recording);
                }
            });
        }
        var all = Task.WhenAll(tasks);
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(warmup))).ConfigureAwait(false);
        await UntilJitQuietAsync(all).ConfigureAwait(false);

        var self = Process.GetCurrentProcess();
        var sampler = new MemorySampler();
        var serverCpu = BenchProcess.CpuOf(server);
        var cpu = BenchProcess.CpuOf(self);
        var items = counters.Sum(c => Volatile.Read(ref c.Events));
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var t0 = Stopwatch.GetTimestamp();
        sampler.Start();
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(seconds))).ConfigureAwait(false);
        // Long streams at 512 take longer than the window to come round again: the window stretches (up to 30 s)
        // until enough streams have re-opened for the time to first event to mean something.
        while (LoadContender.EventCounter.Reopened < Math.Min(streams, 100) && Stopwatch.GetElapsedTime(t0).TotalSeconds < 30 && !all.IsCompleted)
            await Task.Delay(50).ConfigureAwait(false);
        var t1 = Stopwatch.GetTimestamp();
        items = counters.Sum(c => Volatile.Read(ref c.Events)) - items;
        cpu = BenchProcess.CpuOf(self) - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        serverCpu = BenchProcess.CpuOf(server) - serverCpu;
        sampler.Stop();
        // What the open streams hold: full, compacting collections while they are still open, after every other
        // measurement of the window (they stop the world, so they come last). Streams of one length that all started
        // together stay in step, so one collection would catch them all early or all late: the mean of several, over
        // more than a stream's lifetime at this load, is taken.
        var liveMb = 0.0;
        for (var sample = 0; sample < LiveSamples; sample++)
        {
            if (sample > 0) await Task.Delay(300).ConfigureAwait(false);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            liveMb += GC.GetTotalMemory(forceFullCollection: false) / 1048576.0 / LiveSamples;
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await all.ConfigureAwait(false);

        // Time to first event: every re-opened stream whose first event came before the window closed (warm-up included).
        var ttfe = counters.SelectMany(c => c.Firsts).Where(f => f.At <= t1).Select(f => f.Ms).Order().ToList();
        Console.WriteLine(new LoadResult(name, streams, (long)Math.Round(items * eventsPerItem), ttfe.Count, Stopwatch.GetElapsedTime(t0, t1).TotalSeconds,
            cpu.TotalSeconds, serverCpu.TotalSeconds, Percentile(ttfe, 0.50), Percentile(ttfe, 0.99), sampler.HeapMeanMb, sampler.HeapPeakMb,
            sampler.WorkingSetPeakMb, heapBefore, workingSetBefore, sampler.HeapAfterGcMb, allocated, liveMb).ToLine());
        return 0;
    }

    /// <summary>
    /// After the warm-up, until no method has been compiled for a second (at most 30 s more): on a busy machine
    /// the streams' code was still running instrumented tier-0 code, not yet promoted to optimized code, a few seconds
    /// in, so the window measured the JIT's progress as much as the SDK. Every contender waits the same way.
    /// </summary>
    private static async Task UntilJitQuietAsync(Task all)
    {
        var clock = Stopwatch.StartNew();
        var quietSince = clock.Elapsed;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (!all.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30) && clock.Elapsed - quietSince < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100).ConfigureAwait(false);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled) (compiled, quietSince) = (now, clock.Elapsed);
        }
        Console.Error.WriteLine($"load-client: JIT quiet after {clock.Elapsed.TotalSeconds:F1} s more warm-up");
    }

    private static void Check(long chars, Recording recording)
    {
        if (chars != recording.TextChars)
            throw new InvalidOperationException($"{recording.Name}: read {chars} text characters of {recording.TextChars}");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];

    /// <summary>
    /// Every 50 ms on its own thread: the GC heap (<see cref="GC.GetTotalMemory"/>, garbage not yet collected
    /// included), the heap as the last GC left it, and the working set.
    /// </summary>
    private sealed class MemorySampler
    {
        private readonly List<(long Heap, long AfterGc, long WorkingSet)> _samples = [];
        private volatile bool _stop;
        private Thread? _thread;

        public double HeapMeanMb => Mb(_samples.Select(s => s.Heap).DefaultIfEmpty().Average());
        public double HeapPeakMb => Mb(_samples.Select(s => s.Heap).DefaultIfEmpty().Max());
        public double HeapAfterGcMb => Mb(_samples.Select(s => s.AfterGc).DefaultIfEmpty().Average());
        public double WorkingSetPeakMb => Mb(_samples.Select(s => s.WorkingSet).DefaultIfEmpty().Max());

        private static double Mb(double bytes) => bytes / 1048576.0;

        public void Start()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    _samples.Add((GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().HeapSizeBytes, Environment.WorkingSet));
                    Thread.Sleep(50);
                }
            }) { IsBackground = true, Name = "memory sampler" };
            _thread.Start();
        }

        public void Stop()
        {
            _stop = true;
            _thread?.Join();
        }
    }
}
