using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Quick;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// <c>load</c>: the recorded gateway in a child process on loopback, and for each contender and each N a client
/// child that keeps N streams open through one client (<see cref="LoadClient"/>). Options: <c>--streams 1,64,512</c>;
/// <c>--time S</c> measured seconds per cell (default 3); <c>--warmup S</c> (default 1); <c>--runs R</c> repeats the
/// whole matrix, interleaved, and reports each cell's median (default 1); <c>--chat NAME</c> the chat recording
/// (default tool-calls; the messages stream is always anthropic-thinking); <c>--events-per-frame K</c> events the
/// server writes per flush (default 1, as the gateway does); <c>--csv FILE</c> every run's cells (for chart.py);
/// <c>--no-floor</c> leaves out the floor over the same sockets (<see cref="FloorLoadContender"/>), measured by default.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        BuildInfo.WarnIfDebug();
        var streams = Array.IndexOf(args, "--streams") is var s and >= 0 && s + 1 < args.Length
            ? args[s + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : [1, 64, 512];
        var runs = (int)QuickRun.Option(args, "--runs", 1);
        var chat = Array.IndexOf(args, "--chat") is var c and >= 0 && c + 1 < args.Length ? args[c + 1] : Recordings.ToolCallsName;
        var settings = new Settings(QuickRun.Option(args, "--time", 3), QuickRun.Option(args, "--warmup", 1), chat, (int)QuickRun.Option(args, "--events-per-frame", 1));

        var contenders = args.Contains("--no-floor") ? LoadContender.All : LoadContender.WithFloors;
        var all = await MeasureAsync(settings, streams, contenders, runs, Console.Out).ConfigureAwait(false);
        if (Array.IndexOf(args, "--csv") is var csv and >= 0 && csv + 1 < args.Length)
        {
            using var file = File.CreateText(args[csv + 1]);
            file.WriteLine("run," + LoadResult.CsvHeader);
            foreach (var (run, result) in all) file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run},{result.ToCsv()}"));
        }
        var medians = all.GroupBy(r => (r.Result.Contender, r.Result.Streams)).Select(g => LoadResult.Median([.. g.Select(r => r.Result)])).ToList();
        var report = new LoadReport(medians);
        report.Write(Console.Out, runs);
        return 0;
    }

    /// <summary>Quick mode's <c>--load</c>: 512 streams, 2 s per contender, one run; the two summary lines.</summary>
    public static async Task<IReadOnlyList<string>> QuickLinesAsync()
    {
        var results = await MeasureAsync(new Settings(2, 1, Recordings.ToolCallsName, 1), [512], LoadContender.All, 1, TextWriter.Null).ConfigureAwait(false);
        return new LoadReport([.. results.Select(r => r.Result)]).SummaryLines().ToList();
    }

    public sealed record Settings(double Seconds, double Warmup, string Chat, int EventsPerFrame);

    private static async Task<List<(int Run, LoadResult Result)>> MeasureAsync(Settings settings, int[] streams, string[] contenders, int runs, TextWriter progress)
    {
        using var gateway = await GatewayChild.StartAsync(settings.Chat, settings.EventsPerFrame).ConfigureAwait(false);
        progress.WriteLine($"load: gateway pid {gateway.ProcessId} at {gateway.BaseUrl}; {settings.Warmup:0.#} s warm-up + {settings.Seconds:0.#} s per cell; chat stream {settings.Chat}, messages stream {Recordings.AnthropicName}; {Environment.ProcessorCount} cores");
        progress.WriteLine($"  {"run",3} {"contender",-18} {"streams",7} {"events/s",10} {"cpu ms/1k ev",12} {"client cores",12} {"server cores",12} {"ttfe p50",9} {"ttfe p99",9} {"heap MB",8} {"WS MB",7}");
        var results = new List<(int, LoadResult)>();
        for (var run = 1; run <= runs; run++)
            foreach (var n in streams)
                foreach (var contender in contenders)
                {
                    var r = await CellAsync(gateway, settings, contender, n).ConfigureAwait(false);
                    results.Add((run, r));
                    progress.WriteLine($"  {run,3} {r.Contender,-18} {r.Streams,7} {r.EventsPerSecond,10:N0} {r.CpuMsPerThousand,12:F1} {r.ClientCores,12:F2} {r.ServerCores,12:F2} {r.FirstEventP50Ms,7:F1}ms {r.FirstEventP99Ms,7:F1}ms {r.HeapMeanMb,8:F1} {r.WorkingSetPeakMb,7:F0}");
                }
        return results;
    }

    private static async Task<LoadResult> CellAsync(GatewayChild gateway, Settings settings, string contender, int streams)
    {
        using var child = BenchProcess.Start(
        [
            "load-client", contender, streams.ToString(CultureInfo.InvariantCulture), settings.Seconds.ToString(CultureInfo.InvariantCulture),
            settings.Warmup.ToString(CultureInfo.InvariantCulture), gateway.BaseUrl.ToString(), gateway.ProcessId.ToString(CultureInfo.InvariantCulture), settings.Chat,
        ]);
        var output = await child.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await child.WaitForExitAsync().ConfigureAwait(false);
        var result = output.Split('\n').Select(l => LoadResult.Parse(l.TrimEnd())).FirstOrDefault(r => r is not null);
        return result ?? throw new InvalidOperationException($"load client {contender} x {streams} failed (exit {child.ExitCode}):\n{output}");
    }
}
