using System;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Contenders;

namespace Ezrouter.Benchmarks.Cases;

/// <summary>
/// One measured operation: an implementation consuming one recording end to end. <see cref="Events"/> is the
/// recording's event count, the same denominator for every implementation; <see cref="ExpectedChars"/> is the text a
/// consumer must have read, checked before timing so no implementation can skip work.
/// </summary>
internal sealed record BenchCase(string Stream, string Implementation, int Events, long ExpectedChars, Func<Task<Tally>> Run)
{
    public string Key => Stream + "/" + Implementation;

    public void Verify(Tally tally)
    {
        if (tally.TextChars != ExpectedChars || tally.Events <= 0)
            throw new InvalidOperationException($"{Key}: read {tally.TextChars} characters in {tally.Events} events, expected {ExpectedChars} characters.");
    }
}
