using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// The load report: every cell, then ours ÷ theirs per N (CPU per event, GC heap and working set while the streams
/// are open, p99 time to first event, events/s), then the issue's targets at the largest N, then the summary lines.
/// Ours is compared on the same surface: ezrouter-chat with the OpenAI SDK, ezrouter-messages with the Anthropic SDK.
/// </summary>
internal sealed class LoadReport
{
    private static readonly (string Ours, string Peer, double CpuTarget)[] Pairs =
    [
        (LoadContender.EzrouterChat, LoadContender.OpenAiSdk, 0.5),
        (LoadContender.EzrouterMessages, LoadContender.AnthropicSdk, 0.3),
    ];

    private readonly List<LoadResult> _results;

    public LoadReport(IEnumerable<LoadResult> results) => _results = [.. results];

    private LoadResult? Find(string contender, int streams) => _results.FirstOrDefault(r => r.Contender == contender && r.Streams == streams);

    public void Write(TextWriter o, int runs)
    {
        o.WriteLine();
        o.WriteLine(runs > 1 ? $"Load, median of {runs} runs per cell (client = this SDK or theirs; server = the recorded gateway's process)" : "Load (client = this SDK or theirs; server = the recorded gateway's process)");
        o.WriteLine($"{"contender",-18} {"streams",7} {"events/s",10} {"client cpu ms/1k ev",19} {"server cpu ms/1k ev",19} {"ttfe p50 ms",11} {"ttfe p99 ms",11} {"heap MB",8} {"heap peak",9} {"after GC",8} {"WS MB",6} {"WS before",9} {"alloc B/ev",10} {"live KB/stream",14}");
        foreach (var r in _results.OrderBy(r => r.Streams).ThenBy(r => System.Array.IndexOf(LoadContender.WithFloors, r.Contender)))
            o.WriteLine($"{r.Contender,-18} {r.Streams,7} {r.EventsPerSecond,10:N0} {r.CpuMsPerThousand,19:F1} {r.ServerCpuMsPerThousand,19:F1} {r.FirstEventP50Ms,11:F1} {r.FirstEventP99Ms,11:F1} {r.HeapMeanMb,8:F1} {r.HeapPeakMb,9:F1} {r.HeapAfterGcMb,8:F1} {r.WorkingSetPeakMb,6:F0} {r.WorkingSetBeforeMb,9:F0} {r.AllocBytesPerEvent,10:F0} {r.LiveKbPerStream,14:F1}");

        o.WriteLine();
        o.WriteLine("Ours / theirs (cpu: client CPU per event, heap: GC heap while open, after GC: the heap each GC left, WS: working set peak; lower is better; speed: events/s, higher is better)");
        o.WriteLine($"{"streams",7} {"ours",-18} {"vs",-14} {"cpu",7} {"heap",7} {"after GC",8} {"WS",7} {"p99 ttfe",9} {"speed",7}");
        foreach (var n in _results.Select(r => r.Streams).Distinct().Order())
            foreach (var (ours, peer, _) in Pairs)
                if (Find(ours, n) is { } a && Find(peer, n) is { } b)
                    o.WriteLine($"{n,7} {ours,-18} {peer,-14} {a.CpuMsPerThousand / b.CpuMsPerThousand,6:F2}x {a.HeapMeanMb / b.HeapMeanMb,6:F2}x {a.HeapAfterGcMb / b.HeapAfterGcMb,7:F2}x {a.WorkingSetPeakMb / b.WorkingSetPeakMb,6:F2}x {a.FirstEventP99Ms / b.FirstEventP99Ms,8:F2}x {a.EventsPerSecond / b.EventsPerSecond,6:F2}x");

        WriteAboveTheFloor(o);

        if (_results.Count == 0) return;
        var top = _results.Max(r => r.Streams);
        o.WriteLine();
        o.WriteLine($"Targets (issue 17), at {top} streams");
        foreach (var (ours, peer, cpuTarget) in Pairs)
        {
            if (Find(ours, top) is not { } a || Find(peer, top) is not { } b) continue;
            Target(o, $"client cpu/event vs {peer}", $"<= {cpuTarget}x", a.CpuMsPerThousand / b.CpuMsPerThousand, cpuTarget);
            Target(o, $"client GC heap vs {peer}", "<= 0.5x", a.HeapMeanMb / b.HeapMeanMb, 0.5);
            Target(o, $"client heap after GC vs {peer}", "<= 0.5x", a.HeapAfterGcMb / b.HeapAfterGcMb, 0.5);
            Target(o, $"client working set vs {peer}", "<= 0.5x", a.WorkingSetPeakMb / b.WorkingSetPeakMb, 0.5);
            Target(o, $"p99 time to first event vs {peer}", "<= 1x", a.FirstEventP99Ms / b.FirstEventP99Ms, 1);
        }
        o.WriteLine();
        foreach (var line in SummaryLines()) o.WriteLine(line);
    }

    /// <summary>
    /// Each SDK's cost with the floor's (the transport's share: the same sockets, framing and one reader pass) taken
    /// out: CPU per event and live memory per open stream above the floor, and ours ÷ theirs of what is left.
    /// </summary>
    private void WriteAboveTheFloor(TextWriter o)
    {
        var surfaces = new[] { (Pairs[0].Ours, Pairs[0].Peer, Floor: FloorLoadContender.Chat), (Pairs[1].Ours, Pairs[1].Peer, Floor: FloorLoadContender.Messages) };
        if (!_results.Any(r => r.Contender is FloorLoadContender.Chat or FloorLoadContender.Messages)) return;
        o.WriteLine();
        o.WriteLine("Above the floor over the same sockets (the transport's share taken out): client CPU per event (us) and live KB per open stream");
        o.WriteLine($"{"streams",7} {"ours",-18} {"vs",-14} {"floor cpu",9} {"ours +",7} {"theirs +",8} {"ratio",6} {"floor KB",8} {"ours +",7} {"theirs +",8} {"ratio",6}");
        foreach (var n in _results.Select(r => r.Streams).Distinct().Order())
            foreach (var (ours, peer, floorName) in surfaces)
                if (Find(ours, n) is { } a && Find(peer, n) is { } b && Find(floorName, n) is { } f)
                {
                    double oc = a.CpuMsPerThousand - f.CpuMsPerThousand, tc = b.CpuMsPerThousand - f.CpuMsPerThousand;
                    double om = a.LiveKbPerStream - f.LiveKbPerStream, tm = b.LiveKbPerStream - f.LiveKbPerStream;
                    o.WriteLine($"{n,7} {ours,-18} {peer,-14} {f.CpuMsPerThousand,9:F2} {oc,7:F2} {tc,8:F2} {oc / tc,5:F2}x {f.LiveKbPerStream,8:F1} {om,7:F1} {tm,8:F1} {om / tm,5:F2}x");
                }
    }

    private static void Target(TextWriter o, string name, string goal, double ratio, double limit) =>
        o.WriteLine($"  {name,-40} {ratio,9:F2}x  target {goal,-9} {(ratio <= limit ? "met" : "MISSED")}");

    /// <summary>One line per SDK, in the issue's format, at the largest N measured (the memory ratio is the GC heap's).</summary>
    public IEnumerable<string> SummaryLines()
    {
        if (_results.Count == 0) yield break;
        var top = _results.Max(r => r.Streams);
        foreach (var (ours, peer, _) in Pairs)
            if (Find(ours, top) is { } a && Find(peer, top) is { } b)
                yield return $"load vs {peer}: {a.CpuMsPerThousand / b.CpuMsPerThousand:F2}x cpu/event, {a.HeapMeanMb / b.HeapMeanMb:F2}x memory at {top} streams";
    }
}
