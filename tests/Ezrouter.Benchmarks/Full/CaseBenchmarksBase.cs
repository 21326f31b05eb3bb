using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Contenders;

namespace Ezrouter.Benchmarks.Full;

/// <summary>
/// BenchmarkDotNet over the same cases the quick harness runs: one benchmark, parameterised by case key
/// (<c>stream/implementation</c>), so both modes measure exactly the same calls and the report reads both alike.
/// </summary>
[MemoryDiagnoser]
public abstract class CaseBenchmarksBase
{
    private CaseCatalog? _catalog;
    private BenchCase? _case;

    /// <summary>The case, as <c>stream/implementation</c>.</summary>
    [ParamsSource(nameof(CaseKeys))]
    public string Case { get; set; } = string.Empty;

    /// <summary>The keys this class measures.</summary>
    public IEnumerable<string> CaseKeys()
    {
        using var catalog = new CaseCatalog();
        return Cases(catalog).Select(c => c.Key).ToList();
    }

    /// <summary>The events per operation of each key, for the per-event report.</summary>
    internal IReadOnlyDictionary<string, int> EventsByKey()
    {
        using var catalog = new CaseCatalog();
        return Cases(catalog).ToDictionary(c => c.Key, c => c.Events);
    }

    internal abstract IEnumerable<BenchCase> Cases(CaseCatalog catalog);

    [GlobalSetup]
    public void Setup()
    {
        _catalog = new CaseCatalog();
        _case = Cases(_catalog).First(c => c.Key == Case);
        _case.Verify(_case.Run().GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup() => _catalog?.Dispose();

    [Benchmark]
    public Task<int> Run() => RunAsync(_case ?? throw new InvalidOperationException("Setup did not run."));

    private static async Task<int> RunAsync(BenchCase benchCase) => (await benchCase.Run().ConfigureAwait(false)).Events;
}
