using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// One load cell (contender × concurrent streams), as the client child measured it over its measured window:
/// events read, how many streams the time to first event is taken over, wall seconds, the client's and the server's CPU seconds, time to first event (p50, p99, ms), the GC
/// heap (mean and peak of samples while the streams were open, MB) and the working set (peak, MB), plus both before
/// the streams opened (one stream read first, so the code is loaded), and the heap as the last GC left it (mean of
/// the samples: what is live, without the garbage not yet collected), and what a full collection at the window's end,
/// the streams still open, left live.
/// </summary>
internal sealed record LoadResult(
    string Contender, int Streams, long Events, long FirstEventSamples, double Seconds, double ClientCpu, double ServerCpu,
    double FirstEventP50Ms, double FirstEventP99Ms, double HeapMeanMb, double HeapPeakMb, double WorkingSetPeakMb,
    double HeapBeforeMb, double WorkingSetBeforeMb, double HeapAfterGcMb, double AllocatedBytes = double.NaN, double LiveMb = double.NaN)
{
    private const string Prefix = "RESULT ";

    public double EventsPerSecond => Events / Seconds;

    /// <summary>Client CPU milliseconds per 1,000 events.</summary>
    public double CpuMsPerThousand => ClientCpu * 1e6 / Events;

    public double ServerCpuMsPerThousand => ServerCpu * 1e6 / Events;

    /// <summary>Bytes the client allocated per event over the window (every thread): per-read and per-call garbage.</summary>
    public double AllocBytesPerEvent => AllocatedBytes / Events;

    /// <summary>Client CPU use over the window, in cores (1.0 = one core busy).</summary>
    public double ClientCores => ClientCpu / Seconds;

    public double ServerCores => ServerCpu / Seconds;

    /// <summary>Live KB per open stream: a full collection's survivors at the window's end, less the heap before the streams opened.</summary>
    public double LiveKbPerStream => (LiveMb - HeapBeforeMb) * 1024 / Streams;

    private static readonly string[] Columns =
    [
        "contender", "streams", "events", "ttfe_samples", "seconds", "client_cpu_s", "server_cpu_s", "ttfe_p50_ms", "ttfe_p99_ms",
        "heap_mean_mb", "heap_peak_mb", "working_set_peak_mb", "heap_before_mb", "working_set_before_mb", "heap_after_gc_mb", "allocated_bytes", "live_mb",
    ];

    public static string CsvHeader => string.Join(',', Columns) + ",events_per_s,client_cpu_ms_per_1000,server_cpu_ms_per_1000";

    public string ToCsv() => string.Join(',', Values().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) +
        string.Create(CultureInfo.InvariantCulture, $",{EventsPerSecond:F0},{CpuMsPerThousand:F3},{ServerCpuMsPerThousand:F3}");

    /// <summary>The line a client child prints for its parent.</summary>
    public string ToLine() => Prefix + string.Join(',', Values().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    public static LoadResult? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var f = line[Prefix.Length..].Split(',');
        double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return new LoadResult(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture),
            long.Parse(f[3], CultureInfo.InvariantCulture), D(4), D(5), D(6), D(7), D(8), D(9), D(10), D(11), D(12), D(13), D(14), f.Length > 15 ? D(15) : double.NaN, f.Length > 16 ? D(16) : double.NaN);
    }

    private IEnumerable<object> Values() =>
    [
        Contender, Streams, Events, FirstEventSamples, Math.Round(Seconds, 4), Math.Round(ClientCpu, 4), Math.Round(ServerCpu, 4),
        Math.Round(FirstEventP50Ms, 3), Math.Round(FirstEventP99Ms, 3), Math.Round(HeapMeanMb, 2), Math.Round(HeapPeakMb, 2),
        Math.Round(WorkingSetPeakMb, 2), Math.Round(HeapBeforeMb, 2), Math.Round(WorkingSetBeforeMb, 2), Math.Round(HeapAfterGcMb, 2), AllocatedBytes, Math.Round(LiveMb, 3),
    ];

    /// <summary>The median cell of several runs, field by field (each field's own median).</summary>
    public static LoadResult Median(IReadOnlyList<LoadResult> runs)
    {
        double M(Func<LoadResult, double> f)
        {
            var v = runs.Select(f).Order().ToList();
            return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
        }
        // Events and seconds are medians of the rates, so the rate and CPU/event of the median cell stay consistent.
        var seconds = M(r => r.Seconds);
        return new LoadResult(runs[0].Contender, runs[0].Streams, (long)(M(r => r.EventsPerSecond) * seconds), (long)M(r => r.FirstEventSamples), seconds,
            M(r => r.CpuMsPerThousand) * M(r => r.EventsPerSecond) * seconds / 1e6, M(r => r.ServerCpuMsPerThousand) * M(r => r.EventsPerSecond) * seconds / 1e6,
            M(r => r.FirstEventP50Ms), M(r => r.FirstEventP99Ms), M(r => r.HeapMeanMb), M(r => r.HeapPeakMb), M(r => r.WorkingSetPeakMb),
            M(r => r.HeapBeforeMb), M(r => r.WorkingSetBeforeMb), M(r => r.HeapAfterGcMb),
            M(r => r.AllocBytesPerEvent) * M(r => r.EventsPerSecond) * seconds, M(r => r.LiveMb));
    }
}
