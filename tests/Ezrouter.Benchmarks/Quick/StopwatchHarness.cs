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

    private const int Rounds = 9;

    /// <summary>
    /// The cases of one recording measured side by side (<c>--paired</c>): each is verified and warmed up, then they
    /// take turns, one batch each per round (the order rotating every round), for <see cref="Rounds"/> rounds; time is
    /// each case's median batch. On a machine that other work keeps busy, load that comes and goes then falls on every
    /// case alike, instead of on whichever case happened to run during it.
    /// </summary>
    public static async Task<List<CaseResult>> MeasureInterleavedAsync(IReadOnlyList<BenchCase> cases, TimeSpan warmup, TimeSpan budget)
    {
        var perBatch = new int[cases.Count];
        for (var c = 0; c < cases.Count; c++)
        {
            cases[c].Verify(await cases[c].Run().ConfigureAwait(false));
            var perRun = await WarmUpAsync(cases[c], warmup).ConfigureAwait(false);
            perBatch[c] = Math.Max(1, (int)(budget.TotalSeconds / Rounds / perRun));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var batchNs = new List<double>[cases.Count];
        var allocated = new long[cases.Count];
        for (var c = 0; c < cases.Count; c++) batchNs[c] = new List<double>(Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            for (var turn = 0; turn < cases.Count; turn++)
            {
                var c = (round + turn) % cases.Count;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < perBatch[c]; i++) await cases[c].Run().ConfigureAwait(false);
                batchNs[c].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / perBatch[c]);
                allocated[c] += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            }
        }
        var results = new List<CaseResult>(cases.Count);
        for (var c = 0; c < cases.Count; c++)
        {
            batchNs[c].Sort();
            var benchCase = cases[c];
            results.Add(new CaseResult(benchCase.Stream, benchCase.Implementation, benchCase.Events, batchNs[c][Rounds / 2], (double)allocated[c] / (perBatch[c] * Rounds)));
        }
        return results;
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
