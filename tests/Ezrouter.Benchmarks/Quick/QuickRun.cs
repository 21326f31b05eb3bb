using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Report;

namespace Ezrouter.Benchmarks.Quick;

/// <summary>
/// <c>quick</c>: the regular check, well under a minute. Streams against the official SDKs and the floor, the
/// aggregation check on the short chat, the JSON answers (models list, short chat) against the OpenAI SDK, and the
/// 100 MB constant-memory check, then the report.
/// Options: <c>--all</c> adds the non-stream call on every stream and the other small requests (the Anthropic surface's);
/// <c>--time S</c> sets the measured seconds per case (default 1.5); <c>--no-memory</c> skips the 100 MB check;
/// <c>--paired</c> measures the cases of each recording side by side, batch by batch;
/// <c>--csv FILE</c> also writes every result as CSV (for <c>chart.py</c>); <c>--load</c> and <c>--cold</c> add the
/// load line (512 streams, about 40 s) and the cold-start line (JIT, 10 processes each, about 20 s plus a publish),
/// which would take quick mode past a minute if always on.
/// </summary>
internal static class QuickRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var all = args.Contains("--all");
        var seconds = Option(args, "--time", 1.5);
        var budget = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Max(0.2, seconds / 4));
        var clock = Stopwatch.StartNew();
        BuildInfo.WarnIfDebug();

        using var catalog = new CaseCatalog();
        var cases = new List<BenchCase>(catalog.Streaming(withNonStream: all));
        cases.AddRange(all
            ? catalog.Aggregation([.. Recordings.ChatStreams, Recordings.AnthropicThinking], jsonOnly: true)
            : catalog.Aggregation([Recordings.ShortChat], jsonOnly: false));
        cases.AddRange(all ? catalog.SmallRequests() : catalog.OpenAiSmallRequests());
        // --only PREFIX[,PREFIX…]: just the cases whose key starts with one of them (e.g. "models-list/"), for
        // alternating before/after runs of one call, or a profiler attached to one case.
        if (Array.IndexOf(args, "--only") is var only and >= 0 && only + 1 < args.Length)
        {
            var prefixes = args[only + 1].Split(',', StringSplitOptions.RemoveEmptyEntries);
            cases.RemoveAll(c => !prefixes.Any(p => c.Key.StartsWith(p, StringComparison.Ordinal)));
        }

        Console.WriteLine($"quick: {cases.Count} cases, {warmup.TotalSeconds:0.##} s warm-up + {budget.TotalSeconds:0.##} s each");
        var results = new List<CaseResult>();
        // --paired: the cases of one recording take turns batch by batch, so that load from other work falls on all
        // of them alike (see StopwatchHarness.MeasureInterleavedAsync); by default each case runs alone in turn.
        var groups = args.Contains("--paired")
            ? cases.GroupBy(c => c.Stream).Select(g => g.ToList()).ToList()
            : cases.Select(c => new List<BenchCase> { c }).ToList();
        foreach (var group in groups)
        {
            var measured = group.Count == 1
                ? [await StopwatchHarness.MeasureAsync(group[0], warmup, budget).ConfigureAwait(false)]
                : await StopwatchHarness.MeasureInterleavedAsync(group, warmup, budget).ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                var result = measured[i];
                results.Add(result);
                Console.WriteLine($"  {group[i].Key,-42} {result.NsPerOp / 1e3,12:N1} us/op {result.BytesPerOp / 1024,10:N1} KB/op");
            }
        }

        ConstantMemoryCheck.Result? memory = null;
        if (!args.Contains("--no-memory"))
        {
            memory = await ConstantMemoryCheck.RunAsync().ConfigureAwait(false);
            Console.WriteLine($"  100 MB stream: {memory.Events:N0} events at {memory.MegabytesPerSecond:N0} MB/s; live heap growth {memory.MaxGrowthMegabytes:F1} MB, of which accumulated text {memory.AccumulatedTextBytes / 1048576.0:F1} MB");
        }

        var report = new RatioReport(results, memory);
        if (Array.IndexOf(args, "--csv") is var csv and >= 0 && csv + 1 < args.Length)
        {
            using var file = File.CreateText(args[csv + 1]);
            report.WriteCsv(file);
        }
        report.Write(Console.Out);
        foreach (var line in await ExtraLinesAsync(args).ConfigureAwait(false)) Console.WriteLine(line);
        Console.Error.WriteLine($"(quick mode took {clock.Elapsed.TotalSeconds:N0} s)");
        return 0;
    }

    /// <summary>The load and cold-start summary lines, when asked for (each runs child processes; see those modes).</summary>
    private static async Task<List<string>> ExtraLinesAsync(string[] args)
    {
        var lines = new List<string>();
        if (args.Contains("--load")) lines.AddRange(await Load.LoadRun.QuickLinesAsync().ConfigureAwait(false));
        if (args.Contains("--cold")) lines.AddRange(await Cold.ColdRun.QuickLinesAsync().ConfigureAwait(false));
        if (!args.Contains("--load") || !args.Contains("--cold")) lines.Add("(load and cold-start lines: add --load / --cold; the load and cold modes measure them in full)");
        return lines;
    }

    /// <summary>A numeric option (<c>--name value</c>), or <paramref name="fallback"/>.</summary>
    public static double Option(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }
}
