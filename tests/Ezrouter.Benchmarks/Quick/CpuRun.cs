using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;

namespace Ezrouter.Benchmarks.Quick;

/// <summary>
/// <c>cpu</c>: the in-memory streams, ours against the floor, timed in process CPU time rather than wall time, after
/// the JIT has compiled nothing for a second. On a busy machine (other processes keeping the load far above the core
/// count) quick mode's wall-clock batches mix our code with time the process spent waiting for a core, and its short
/// warm-up measures code still on its way to tier 1: ratios moved by 2x between runs. CPU time per call of settled code
/// moves by a few percent. Options: <c>--rounds N</c> batch pairs per stream (default 30), <c>--anthropic</c> adds the
/// messages stream. Prints each stream's CPU µs per call and the ratio as events/s (floor's time ÷ ours).
/// </summary>
internal static class CpuRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        BuildInfo.WarnIfDebug();
        var rounds = (int)QuickRun.Option(args, "--rounds", 30);
        var streams = new List<(Recording Stream, bool Messages)>(Recordings.ChatStreams.Select(s => (s, false)));
        if (args.Contains("--anthropic")) streams.Add((Recordings.AnthropicThinking, true));
        var chatRatios = new List<double>();
        Console.WriteLine($"{"stream",-19} {"ours us/op",11} {"floor us/op",12} {"vs floor",9}  (process CPU time, median of {rounds} batches)");
        foreach (var (stream, messages) in streams)
        {
            using var ours = new EzrouterContender(stream);
            using var floor = new FloorContender(stream, messages ? "/anthropic/v1/messages" : "/v1/chat/completions");
            Func<Task> oursRun = messages ? () => ours.StreamMessagesAsync() : () => ours.StreamChatAsync();
            Func<Task> floorRun = () => floor.StreamAsync();
            var batch = await SettleAsync(oursRun, floorRun).ConfigureAwait(false);
            var oursTimes = new List<double>();
            var floorTimes = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                oursTimes.Add(await CpuMicrosecondsAsync(oursRun, batch).ConfigureAwait(false));
                floorTimes.Add(await CpuMicrosecondsAsync(floorRun, batch).ConfigureAwait(false));
            }
            var oursMedian = Median(oursTimes);
            var floorMedian = Median(floorTimes);
            var ratio = floorMedian / oursMedian;
            if (!messages) chatRatios.Add(ratio);
            Console.WriteLine($"{stream.Name,-19} {oursMedian,11:N2} {floorMedian,12:N2} {ratio,8:N2}x");
        }
        var mean = Math.Exp(chatRatios.Average(Math.Log));
        Console.WriteLine();
        Console.WriteLine($"streaming vs floor (cpu time): {mean:N2}x events/s");
        return 0;
    }

    // Runs both until the JIT has compiled nothing for a second (at most 30 s more), and sizes a batch at ~20 ms.
    private static async Task<int> SettleAsync(Func<Task> ours, Func<Task> floor)
    {
        var clock = Stopwatch.StartNew();
        var pairs = 0;
        while (clock.ElapsedMilliseconds < 1000 || pairs == 0)
        {
            await ours().ConfigureAwait(false);
            await floor().ConfigureAwait(false);
            pairs++;
        }
        var batch = Math.Max(1, (int)(pairs * 20 / (double)clock.ElapsedMilliseconds));
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quiet = Stopwatch.StartNew();
        clock.Restart();
        while (quiet.ElapsedMilliseconds < 1000 && clock.ElapsedMilliseconds < 30_000)
        {
            await ours().ConfigureAwait(false);
            await floor().ConfigureAwait(false);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == compiled) continue;
            compiled = now;
            quiet.Restart();
        }
        return batch;
    }

    private static async Task<double> CpuMicrosecondsAsync(Func<Task> run, int batch)
    {
        var start = ProcessCpuNanoseconds();
        for (var i = 0; i < batch; i++) await run().ConfigureAwait(false);
        return (ProcessCpuNanoseconds() - start) / 1000.0 / batch;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    // CLOCK_PROCESS_CPUTIME_ID: nanoseconds; Process.TotalProcessorTime reads /proc in 10 ms ticks on Linux.
    private static long ProcessCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux()) return Process.GetCurrentProcess().TotalProcessorTime.Ticks * 100;
        return clock_gettime(2, out var now) == 0 ? now.Seconds * 1_000_000_000 + now.Nanoseconds : throw new InvalidOperationException("clock_gettime failed");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
