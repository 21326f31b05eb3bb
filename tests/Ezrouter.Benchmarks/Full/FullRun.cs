using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Quick;
using Ezrouter.Benchmarks.Report;

namespace Ezrouter.Benchmarks.Full;

/// <summary>
/// <c>full</c>: the streaming and small-request BenchmarkDotNet classes (in-process, so no child build;
/// <see cref="MemoryDiagnoser"/>), then the 100 MB check and the same ratio report as quick mode. No arguments or
/// other arguments go to BenchmarkDotNet's switcher (which lists the classes, <see cref="ComponentBenchmarks"/> too);
/// the report follows whatever it ran.
/// </summary>
internal static class FullRun
{
    /// <summary>In-process (starts in seconds), 250 ms iterations, 10 to 20 of them; artifacts under the build output.</summary>
    public static IConfig Config() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithMinIterationCount(10)
            .WithMaxIterationCount(20))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(48))
        .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));

    public static async Task<int> RunAsync(string[] args)
    {
        BuildInfo.WarnIfDebug();
        if (args is ["full", ..])
        {
            var results = Results(BenchmarkRunner.Run([typeof(StreamingBenchmarks), typeof(SmallRequestBenchmarks)], Config())).ToList();
            var memory = await ConstantMemoryCheck.RunAsync().ConfigureAwait(false);
            new RatioReport(results, memory).Write(Console.Out);
            return 0;
        }
        // The switcher: the report only for the comparison cases it ran (the component stages have their own table).
        var compared = Results(BenchmarkSwitcher.FromAssembly(typeof(FullRun).Assembly).Run(args, Config()))
            .Where(r => r.Implementation is Impl.Ezrouter or Impl.EzrouterNonStream or Impl.EzrouterJson or Impl.OpenAiSdk or Impl.AnthropicSdk or Impl.Floor).ToList();
        if (compared.Count > 0) new RatioReport(compared, memory: null).Write(Console.Out);
        return 0;
    }

    /// <summary>Mean time and allocated bytes per operation of every case measured.</summary>
    private static IEnumerable<CaseResult> Results(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                if (report.ResultStatistics is not { } statistics) continue;
                if (Activator.CreateInstance(report.BenchmarkCase.Descriptor.Type) is not CaseBenchmarksBase benchmarks) continue;
                var key = (string)report.BenchmarkCase.Parameters[nameof(CaseBenchmarksBase.Case)];
                if (!benchmarks.EventsByKey().TryGetValue(key, out var events)) continue;
                var slash = key.IndexOf('/', StringComparison.Ordinal);
                var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
                yield return new CaseResult(key[..slash], key[(slash + 1)..], events, statistics.Mean, bytes);
            }
        }
    }
}
