using System.Collections.Generic;

namespace Ezrouter.Testing.Replay;

/// <summary>The result of comparing one matcher with one request.</summary>
/// <param name="MethodAndPathMatch">Whether method and path are equal.</param>
/// <param name="Specificity">How many body and header entries matched.</param>
/// <param name="Differences">The fields that differ, in matcher order.</param>
internal readonly record struct MatchOutcome(bool MethodAndPathMatch, int Specificity, IReadOnlyList<string> Differences)
{
    public bool IsMatch => Differences.Count == 0;
}
