using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Load;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Quick;

namespace Ezrouter.Benchmarks.Cold;

/// <summary>
/// <c>cold</c>: a fresh process per sample (samples/Ezrouter.ColdStart), timed from its launch to the first streamed
/// chunk and, in another process, to the first completed non-stream call, against the recorded gateway in a child
/// process; this SDK and the OpenAI SDK; the median of <c>--runs</c> processes each (default 10), interleaved so a
/// busy spell hits every contender alike. Options: <c>--builds jit,r2r,aot</c> (default jit; aot takes minutes to
/// publish), <c>--no-publish</c> reuses artifacts/cold/&lt;build&gt;.
/// </summary>
internal static class ColdRun
{
    public const string Ours = "ezrouter";
    public const string OpenAi = "openai";
    private static readonly string[] Sdks = [Ours, OpenAi];
    private static readonly string[] Kinds = ["stream", "call"];

    public static async Task<int> RunAsync(string[] args)
    {
        var builds = ColdBuilds.Parse(args);
        var runs = (int)QuickRun.Option(args, "--runs", 10);
        if (!args.Contains("--no-publish"))
            foreach (var build in builds) await ColdBuilds.PublishAsync(build, quiet: false).ConfigureAwait(false);
        var (samples, cpu) = await MeasureAsync(builds, Kinds, runs, Console.Out).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine($"Cold start, ms from process launch (median of {runs} processes; min-max)");
        Console.WriteLine($"{"build",-6} {"size MB",8} {"sdk",-9} {"first chunk",22} {"first non-stream call",22}");
        foreach (var build in builds)
            foreach (var sdk in Sdks)
                Console.WriteLine($"{build,-6} {ColdBuilds.SizeMb(build),8:F1} {sdk,-9} {Cell(samples, build, sdk, "stream"),22} {Cell(samples, build, sdk, "call"),22}");
        Console.WriteLine();
        Console.WriteLine($"The same processes' CPU time by then, ms (runtime start-up included; it does not grow while other work keeps the machine busy)");
        Console.WriteLine($"{"build",-6} {"",8} {"sdk",-9} {"first chunk",22} {"first non-stream call",22}");
        foreach (var build in builds)
            foreach (var sdk in Sdks)
                Console.WriteLine($"{build,-6} {"",8} {sdk,-9} {Cell(cpu, build, sdk, "stream"),22} {Cell(cpu, build, sdk, "call"),22}");
        Console.WriteLine();
        Console.WriteLine("Ours / OpenAI SDK, and each build against JIT (time; lower is better)");
        foreach (var build in builds)
            foreach (var kind in Kinds)
            {
                var vsOpenAi = Median(samples, build, Ours, kind) / Median(samples, build, OpenAi, kind);
                var vsJit = build == ColdBuilds.Jit ? "" : $", {Median(samples, build, Ours, kind) / Median(samples, ColdBuilds.Jit, Ours, kind):F2}x our JIT time";
                var cpuVsOpenAi = Median(cpu, build, Ours, kind) / Median(cpu, build, OpenAi, kind);
                Console.WriteLine($"  {build,-4} {(kind == "stream" ? "first chunk" : "first call"),-12} {vsOpenAi:F2}x the OpenAI SDK's{vsJit} (CPU time: {cpuVsOpenAi:F2}x)");
            }
        Console.WriteLine();
        Console.WriteLine("Targets (issue 17)");
        var jit = Median(samples, ColdBuilds.Jit, Ours, "stream") / Median(samples, ColdBuilds.Jit, OpenAi, "stream");
        if (!double.IsNaN(jit)) Console.WriteLine($"  {"cold start to first chunk vs openai-sdk (JIT)",-46} {jit,6:F2}x  target <= 1x   {(jit <= 1 ? "met" : "MISSED")}");
        Console.WriteLine();
        foreach (var line in SummaryLines(samples)) Console.WriteLine(line);
        return 0;
    }

    /// <summary>Quick mode's <c>--cold</c>: JIT, first chunk only, 10 processes each.</summary>
    public static async Task<IReadOnlyList<string>> QuickLinesAsync()
    {
        await ColdBuilds.PublishAsync(ColdBuilds.Jit, quiet: true).ConfigureAwait(false);
        return [.. SummaryLines((await MeasureAsync([ColdBuilds.Jit], ["stream"], 10, TextWriter.Null).ConfigureAwait(false)).Wall)];
    }

    private static IEnumerable<string> SummaryLines(Dictionary<string, List<double>> samples)
    {
        var ratio = Median(samples, ColdBuilds.Jit, Ours, "stream") / Median(samples, ColdBuilds.Jit, OpenAi, "stream");
        if (!double.IsNaN(ratio)) yield return $"cold start vs openai-sdk: {ratio:F2}x time to first chunk";
    }

    private static async Task<(Dictionary<string, List<double>> Wall, Dictionary<string, List<double>> Cpu)> MeasureAsync(IReadOnlyList<string> builds, string[] kinds, int runs, TextWriter progress)
    {
        using var gateway = await GatewayChild.StartAsync(Recordings.ToolCallsName, 1).ConfigureAwait(false);
        var samples = new Dictionary<string, List<double>>();
        var cpuSamples = new Dictionary<string, List<double>>();
        for (var run = 1; run <= runs; run++)
        {
            var line = new List<string>();
            foreach (var build in builds)
                foreach (var sdk in Sdks)
                    foreach (var kind in kinds)
                    {
                        var (ms, cpu) = await SampleAsync(build, sdk, kind, gateway.BaseUrl).ConfigureAwait(false);
                        var key = Key(build, sdk, kind);
                        if (!samples.TryGetValue(key, out var list)) samples[key] = list = [];
                        list.Add(ms);
                        if (!cpuSamples.TryGetValue(key, out var cpuList)) cpuSamples[key] = cpuList = [];
                        cpuList.Add(cpu);
                        line.Add(string.Create(CultureInfo.InvariantCulture, $"{build}/{sdk}/{kind} {ms:F0}"));
                    }
            progress.WriteLine($"  run {run,2}: {string.Join("  ", line)}");
        }
        return (samples, cpuSamples);
    }

    /// <summary>One probe process: ms from launch to the first chunk or answer, and its CPU ms by then.</summary>
    private static async Task<(double Wall, double Cpu)> SampleAsync(string build, string sdk, string kind, Uri baseUrl)
    {
        var start = new ProcessStartInfo(ColdBuilds.Executable(build)) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(sdk);
        start.ArgumentList.Add(kind);
        start.ArgumentList.Add(baseUrl.ToString());
        // A probe starts as a user's app would: none of the benchmark's runtime settings.
        start.Environment.Remove(Tiering.DelayVariable);
        start.Environment["EZROUTER_COLD_T0"] = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the cold-start probe.");
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        var result = output.Split('\n').FirstOrDefault(l => l.StartsWith("cold ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"cold-start probe {build}/{sdk}/{kind} failed (exit {process.ExitCode}): {error}{output}");
        var fields = result.Split(' ');
        return (double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[5], CultureInfo.InvariantCulture));
    }

    private static string Key(string build, string sdk, string kind) => $"{build}/{sdk}/{kind}";

    private static double Median(Dictionary<string, List<double>> samples, string build, string sdk, string kind)
    {
        if (!samples.TryGetValue(Key(build, sdk, kind), out var list) || list.Count == 0) return double.NaN;
        var sorted = list.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Cell(Dictionary<string, List<double>> samples, string build, string sdk, string kind) =>
        samples.TryGetValue(Key(build, sdk, kind), out var list) && list.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Median(samples, build, sdk, kind),6:F0} ({list.Min(),4:F0}-{list.Max(),4:F0})")
            : "-";
}
