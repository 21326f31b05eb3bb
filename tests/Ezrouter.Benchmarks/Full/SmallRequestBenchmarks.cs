using System.Collections.Generic;
using Ezrouter.Benchmarks.Cases;

namespace Ezrouter.Benchmarks.Full;

/// <summary>One small non-stream request end to end (the model list, a short chat), ours against the official SDKs.</summary>
public class SmallRequestBenchmarks : CaseBenchmarksBase
{
    internal override IEnumerable<BenchCase> Cases(CaseCatalog catalog) => catalog.SmallRequests();
}
