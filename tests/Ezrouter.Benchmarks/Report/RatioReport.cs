using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Quick;

namespace Ezrouter.Benchmarks.Report;

/// <summary>
/// The report both modes end with: the streaming table (events/s, ns/event, bytes/event), each of our APIs against
/// each peer and the floor, aggregation against JSON, the small requests, the issue's targets, and last the summary
/// lines, one per comparison. Ratios are ours ÷ theirs: speed = our events/s ÷ theirs, alloc = our bytes/event ÷
/// theirs. A summary over several streams is the geometric mean of the per-stream ratios.
/// </summary>
internal sealed class RatioReport
{
    private static readonly string[] OurStreamingApis = [Impl.Ezrouter, Impl.EzrouterNonStream];
    private static readonly string[] Peers = [Impl.OpenAiSdk, Impl.AnthropicSdk, Impl.Floor];
    private static readonly string[] ImplOrder = [Impl.Ezrouter, Impl.EzrouterNonStream, Impl.OpenAiSdk, Impl.AnthropicSdk, Impl.Floor];
    private static readonly string[] StreamOrder = [Recordings.ShortChatName, Recordings.LongChatName, Recordings.ToolCallsName, Recordings.AnthropicName];

    private readonly Dictionary<string, CaseResult> _results;
    private readonly ConstantMemoryCheck.Result? _memory;

    public RatioReport(IEnumerable<CaseResult> results, ConstantMemoryCheck.Result? memory)
    {
        _results = results.ToDictionary(r => r.Stream + "/" + r.Implementation);
        _memory = memory;
    }

    /// <summary>Every result as CSV (stream, implementation, events, ns/op, bytes/op, events/s, ns/event, bytes/event), for the chart.</summary>
    public void WriteCsv(TextWriter o)
    {
        o.WriteLine("stream,implementation,events,ns_per_op,bytes_per_op,events_per_s,ns_per_event,bytes_per_event");
        foreach (var r in _results.Values)
            o.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{r.Stream},{r.Implementation},{r.Events},{r.NsPerOp:F1},{r.BytesPerOp:F1},{r.EventsPerSecond:F1},{r.NsPerEvent:F1},{r.BytesPerEvent:F1}"));
    }

    public CaseResult? Find(string stream, string implementation) => _results.GetValueOrDefault(stream + "/" + implementation);

    public void Write(TextWriter o)
    {
        WriteStreaming(o);
        WriteRatios(o);
        WriteAggregation(o);
        WriteSmallRequests(o);
        WriteTargets(o);
        o.WriteLine();
        foreach (var line in SummaryLines()) o.WriteLine(line);
    }

    private void WriteStreaming(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("Streaming (the same bytes to every implementation; events = the recording's SSE events)");
        o.WriteLine($"{"stream",-19} {"implementation",-19} {"events",7} {"us/op",10} {"events/s",12} {"ns/event",9} {"B/event",9}");
        foreach (var stream in StreamOrder)
            foreach (var r in _results.Values.Where(r => r.Stream == stream && r.Implementation != Impl.EzrouterJson).OrderBy(r => Array.IndexOf(ImplOrder, r.Implementation)))
                o.WriteLine($"{r.Stream,-19} {r.Implementation,-19} {r.Events,7:N0} {r.NsPerOp / 1e3,10:N1} {r.EventsPerSecond,12:N0} {r.NsPerEvent,9:N0} {r.BytesPerEvent,9:N0}");
    }

    private void WriteRatios(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("Ratios, ours / theirs (speed: events/s, higher is better; alloc: bytes/event, lower is better)");
        o.WriteLine($"{"stream",-19} {"ours",-19} {"vs",-14} {"speed",8} {"alloc",8}");
        foreach (var stream in StreamOrder)
            foreach (var ours in OurStreamingApis)
                foreach (var peer in Peers)
                    if (Ratio(stream, ours, peer) is { } ratio)
                        o.WriteLine($"{stream,-19} {ours,-19} {peer,-14} {ratio.Speed,7:F2}x {ratio.Alloc,7:F2}x");
    }

    private void WriteAggregation(TextWriter o)
    {
        var rows = StreamOrder.Select(s => (Stream: s, Sse: Find(s, Impl.EzrouterNonStream), Json: Find(s, Impl.EzrouterJson)))
            .Where(r => r.Sse is not null && r.Json is not null).ToList();
        if (rows.Count == 0) return;
        o.WriteLine();
        o.WriteLine("Non-stream aggregation: CompleteAsync/CreateAsync on the SSE answer vs on the JSON it adds up to");
        o.WriteLine("(vs stream: the same call against reading the same SSE answer through the streaming API)");
        o.WriteLine($"{"stream",-19} {"sse us/op",10} {"json us/op",11} {"time",8} {"sse KB/op",10} {"json KB/op",11} {"alloc",8} {"vs stream",10}");
        foreach (var (stream, sse, json) in rows)
        {
            var vsStream = Find(stream, Impl.Ezrouter) is { } streamed ? $"{sse!.NsPerOp / streamed.NsPerOp:F2}x" : "";
            o.WriteLine($"{stream,-19} {sse!.NsPerOp / 1e3,10:N1} {json!.NsPerOp / 1e3,11:N1} {sse.NsPerOp / json.NsPerOp,7:F2}x {sse.BytesPerOp / 1024,10:N1} {json.BytesPerOp / 1024,11:N1} {sse.BytesPerOp / json.BytesPerOp,7:F2}x {vsStream,10}");
        }
    }

    private void WriteSmallRequests(TextWriter o)
    {
        string[] requests = [CaseCatalog.ModelsList, CaseCatalog.AnthropicModelsList, CaseCatalog.ShortChatJson, CaseCatalog.HistoryChatJson, CaseCatalog.ShortMessageJson];
        var rows = requests.SelectMany(q => _results.Values.Where(r => r.Stream == q).OrderBy(r => r.Implementation != Impl.Ezrouter)).ToList();
        if (rows.Count == 0) return;
        o.WriteLine();
        o.WriteLine("One small non-stream request end to end (ours / theirs: time and allocations)");
        o.WriteLine($"{"request",-22} {"implementation",-15} {"us/op",8} {"KB/op",8} {"time",8} {"alloc",8}");
        foreach (var r in rows)
        {
            var ours = Find(r.Stream, Impl.Ezrouter);
            var time = r.Implementation == Impl.Ezrouter || ours is null ? "" : $"{ours.NsPerOp / r.NsPerOp:F2}x";
            var alloc = r.Implementation == Impl.Ezrouter || ours is null ? "" : $"{ours.BytesPerOp / r.BytesPerOp:F2}x";
            o.WriteLine($"{r.Stream,-22} {r.Implementation,-15} {r.NsPerOp / 1e3,8:N1} {r.BytesPerOp / 1024,8:N1} {time,8} {alloc,8}");
        }
    }

    private void WriteTargets(TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("Targets (issues 6 and 17), in this run");
        var openAi = Summary(Recordings.ChatStreams.Select(s => s.Name), Impl.OpenAiSdk);
        var anthropic = Summary([Recordings.AnthropicName], Impl.AnthropicSdk);
        var floor = Summary(Recordings.ChatStreams.Select(s => s.Name), Impl.Floor);
        if (openAi is { } a) Target(o, "streaming events/s vs openai-sdk", ">= 2x", a.Speed >= 2, $"{a.Speed:F2}x");
        if (anthropic is { } b) Target(o, "streaming events/s vs anthropic-sdk", ">= 3x", b.Speed >= 3, $"{b.Speed:F2}x");
        if (openAi is { } c) Target(o, "streaming bytes/event vs openai-sdk", "<= 0.25x", c.Alloc <= 0.25, $"{c.Alloc:F2}x");
        if (floor is { } d) Target(o, "streaming time/event vs floor", "<= 2x", 1 / d.Speed <= 2, $"{1 / d.Speed:F2}x");
        if (AggregationRatio() is { } e) Target(o, "non-stream aggregation vs json parse", "<= 1.2x", e <= 1.2, $"{e:F2}x");
        if (_memory is { } m) Target(o, "100 MB stream managed heap growth", "< 16 MB", m.MaxGrowthMegabytes < 16, $"{m.MaxGrowthMegabytes:F1} MB");
        // Issue 17: a JSON answer is read no slower than the OpenAI SDK reads it.
        if (TimeRatio(CaseCatalog.ModelsList, Impl.OpenAiSdk) is { } f) Target(o, "models list time vs openai-sdk", "<= 1.0x", f <= 1, $"{f:F2}x");
        if (TimeRatio(CaseCatalog.ShortChatJson, Impl.OpenAiSdk) is { } g) Target(o, "json chat time vs openai-sdk", "<= 1.0x", g <= 1, $"{g:F2}x");
    }

    private static void Target(TextWriter o, string name, string goal, bool met, string shown) =>
        o.WriteLine($"  {name,-40} {shown,10}  target {goal,-9} {(met ? "met" : "MISSED")}");

    /// <summary>The closing lines, one per comparison, in the issue's format.</summary>
    public IEnumerable<string> SummaryLines()
    {
        var chat = Recordings.ChatStreams.Select(s => s.Name).ToList();
        if (Summary(chat, Impl.OpenAiSdk) is { } openAi) yield return $"streaming vs openai-sdk: {openAi.Speed:F2}x events/s, {openAi.Alloc:F2}x bytes/event";
        if (Summary([Recordings.AnthropicName], Impl.AnthropicSdk) is { } anthropic) yield return $"streaming vs anthropic-sdk: {anthropic.Speed:F2}x events/s, {anthropic.Alloc:F2}x bytes/event";
        if (Summary(chat, Impl.Floor) is { } floor) yield return $"streaming vs floor: {floor.Speed:F2}x events/s, {floor.Alloc:F2}x bytes/event";
        if (AggregationRatio() is { } aggregation) yield return $"non-stream aggregation vs json parse: {aggregation:F2}x time";
        if (TimeRatio(CaseCatalog.ModelsList, Impl.OpenAiSdk) is { } models && TimeRatio(CaseCatalog.ShortChatJson, Impl.OpenAiSdk) is { } jsonChat)
            yield return $"non-stream vs openai-sdk: {models:F2}x time (models list), {jsonChat:F2}x time (json chat)";
        if (_memory is { } m) yield return $"100MB stream: {m.MaxGrowthMegabytes:F1} MB managed heap growth";
    }

    /// <summary>Our time ÷ <paramref name="peer"/>'s on one request (lower is better).</summary>
    private double? TimeRatio(string request, string peer) =>
        Find(request, Impl.Ezrouter) is { } ours && Find(request, peer) is { } theirs ? ours.NsPerOp / theirs.NsPerOp : null;

    /// <summary>On the short chat: the size of answer a non-stream call gets.</summary>
    private double? AggregationRatio() =>
        Find(Recordings.ShortChatName, Impl.EzrouterNonStream) is { } sse && Find(Recordings.ShortChatName, Impl.EzrouterJson) is { } json
            ? sse.NsPerOp / json.NsPerOp
            : null;

    private (double Speed, double Alloc)? Ratio(string stream, string ours, string peer) =>
        Find(stream, ours) is { } a && Find(stream, peer) is { } b ? (b.NsPerEvent / a.NsPerEvent, a.BytesPerEvent / b.BytesPerEvent) : null;

    private (double Speed, double Alloc)? Summary(IEnumerable<string> streams, string peer)
    {
        var ratios = streams.Select(s => Ratio(s, Impl.Ezrouter, peer)).Where(r => r is not null).Select(r => r!.Value).ToList();
        if (ratios.Count == 0) return null;
        return (GeometricMean(ratios.Select(r => r.Speed)), GeometricMean(ratios.Select(r => r.Alloc)));
    }

    private static double GeometricMean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return Math.Exp(list.Sum(Math.Log) / list.Count);
    }
}
