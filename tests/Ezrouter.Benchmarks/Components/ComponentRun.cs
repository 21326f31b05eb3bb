using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Quick;
using Ezrouter.Benchmarks.Report;

namespace Ezrouter.Benchmarks.Components;

/// <summary>
/// <c>components</c>: where our stream path spends its time and allocations, per event, stage by stage (see
/// <see cref="StreamStages"/>), on the long chat and the Anthropic stream, with the official SDK beside it.
/// </summary>
internal static class ComponentRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var budget = TimeSpan.FromSeconds(QuickRun.Option(args, "--time", 1.5));
        BuildInfo.WarnIfDebug();
        using var catalog = new CaseCatalog();
        var chat = Recordings.LongChat;
        var anthropic = Recordings.AnthropicThinking;
        var cases = new List<BenchCase>();
        cases.AddRange(StreamStages.Chat(chat, () => catalog.Own(new EzrouterContender(chat))));
        cases.Add(new BenchCase(chat.Name, Impl.OpenAiSdk, chat.Events, chat.TextChars, catalog.Own(new OpenAiSdkContender(chat)).StreamChatAsync));
        cases.AddRange(StreamStages.Messages(anthropic, () => catalog.Own(new EzrouterContender(anthropic))));
        cases.Add(new BenchCase(anthropic.Name, Impl.AnthropicSdk, anthropic.Events, anthropic.TextChars, catalog.Own(new AnthropicSdkContender(anthropic)).StreamMessagesAsync));

        cases.AddRange(CallStages.ShortChat(Recordings.ShortChat, catalog.Own));

        var results = new List<CaseResult>();
        foreach (var benchCase in cases)
            results.Add(await StopwatchHarness.MeasureAsync(benchCase, TimeSpan.FromSeconds(0.3), budget).ConfigureAwait(false));

        Console.WriteLine();
        Console.WriteLine("Our stream path, stage by stage (cumulative; delta = what the stage adds, per event; ref rows stand alone)");
        Console.WriteLine($"{"stream",-19} {"stage",-24} {"ns/event",9} {"B/event",9} {"+ns",8} {"+B",8}");
        foreach (var stream in new[] { chat.Name, anthropic.Name })
        {
            CaseResult? previous = null;
            foreach (var r in results.Where(r => r.Stream == stream))
            {
                var isStage = char.IsDigit(r.Implementation[0]);
                var dns = isStage && previous is not null ? $"{r.NsPerEvent - previous.NsPerEvent:N0}" : "";
                var db = isStage && previous is not null ? $"{r.BytesPerEvent - previous.BytesPerEvent:N0}" : "";
                Console.WriteLine($"{r.Stream,-19} {r.Implementation,-24} {r.NsPerEvent,9:N0} {r.BytesPerEvent,9:N0} {dns,8} {db,8}");
                if (isStage) previous = r;
            }
        }

        Console.WriteLine();
        Console.WriteLine("One streaming call's fixed cost, on the short chat (each row stands alone; per call)");
        Console.WriteLine($"{"row",-34} {"us/call",9} {"KB/call",9}");
        foreach (var r in results.Where(r => r.Implementation.StartsWith("call:", StringComparison.Ordinal)))
            Console.WriteLine($"{r.Implementation,-34} {r.NsPerOp / 1000,9:N1} {r.BytesPerOp / 1024,9:N1}");
        return 0;
    }
}
