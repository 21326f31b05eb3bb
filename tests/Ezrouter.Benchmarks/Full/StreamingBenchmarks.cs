using System.Collections.Generic;
using System.Linq;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Payloads;

namespace Ezrouter.Benchmarks.Full;

/// <summary>Every stream through our streaming and non-stream APIs, the official SDKs and the floor; plus the JSON each stream adds up to.</summary>
public class StreamingBenchmarks : CaseBenchmarksBase
{
    internal override IEnumerable<BenchCase> Cases(CaseCatalog catalog) =>
        catalog.Streaming(withNonStream: true)
            .Concat(catalog.Aggregation([.. Recordings.ChatStreams, Recordings.AnthropicThinking], jsonOnly: true));
}
