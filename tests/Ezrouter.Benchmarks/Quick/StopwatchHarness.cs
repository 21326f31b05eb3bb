using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Report;

namespace Ezrouter.Benchmarks.Quick;

/// <summary>
/// The quick harness: a Stopwatch and the GC's allocation counter, no BenchmarkDotNet. Each case is verified, warmed
/// up until the JIT goes quiet (no method compiled, tier-1 recompilations included, for 150 ms of running it; at least
/// <c>warmup</c>, at most 5 s), then run in batches sized to the time budget; time is the median batch, allocations
/// the total over all batches. Allocations are counted process-wide (<see cref="GC.GetTotalAllocatedBytes"/>):
/// an async continuation may resume on another thread, which a per-thread counter would miss.
/// </summary>
internal static class StopwatchHarness
{
    private const int Batches = 5;

    public static async Task<CaseResult> MeasureAsync(BenchCase benchCase, TimeSpan warmup, TimeSpan budget)
    {
        benchCase.Verify(await benchCase.Run().ConfigureAwait(false));

        var perRun = await WarmUpAsync(benchCase, warmup).ConfigureAwait(false);
        var perBatch = Math.Max(1, (int)(budget.TotalSeconds / Batches / perRun));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var batchNs = new List<double>(Batches);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var batch = 0; batch < Batches; batch++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perBatch; i++) await benchCase.Run().ConfigureAwait(false);
            batchNs.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / perBatch);
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        batchNs.Sort();
        return new CaseResult(benchCase.Stream, benchCase.Implementation, benchCase.Events, batchNs[Batches / 2], (double)allocated / (perBatch * Batches));
    }

    /// <summary>Runs the case until the JIT is quiet; returns the seconds per run of the last warm-up batch.</summary>
    private static async Task<double> WarmUpAsync(BenchCase benchCase, TimeSpan minimum)
    {
        var maximum = TimeSpan.FromSeconds(5);
        var quietNeeded = TimeSpan.FromMilliseconds(150);
        var clock = Stopwatch.StartNew();
        var quiet = TimeSpan.Zero;
        var perRun = 0.0;
        var runs = 1;
        while (true)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < runs; i++) await benchCase.Run().ConfigureAwait(false);
            var took = Stopwatch.GetElapsedTime(start);
            perRun = took.TotalSeconds / runs;
            quiet = JitInfo.GetCompiledMethodCount() == compiled ? quiet + took : TimeSpan.Zero;
            if ((quiet >= quietNeeded && clock.Elapsed >= minimum) || clock.Elapsed >= maximum) return perRun;
            runs = Math.Max(1, (int)(0.05 / perRun));
        }
    }
}
