using System.Collections.Generic;
using System.Linq;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Components;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;

namespace Ezrouter.Benchmarks.Full;

/// <summary>Our stream path stage by stage (see <see cref="StreamStages"/>), on the long chat and the Anthropic stream.</summary>
public class ComponentBenchmarks : CaseBenchmarksBase
{
    internal override IEnumerable<BenchCase> Cases(CaseCatalog catalog) =>
        StreamStages.Chat(Recordings.LongChat, () => catalog.Own(new EzrouterContender(Recordings.LongChat)))
            .Concat(StreamStages.Messages(Recordings.AnthropicThinking, () => catalog.Own(new EzrouterContender(Recordings.AnthropicThinking))));
}
