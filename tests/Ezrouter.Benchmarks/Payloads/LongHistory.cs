using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Ezrouter.Benchmarks.Payloads;

/// <summary>
/// A conversation of 40 earlier turns (about 80 KB of JSON with the request around it), the same text for every SDK:
/// prose with the characters a real history carries (line breaks, quotes, a backslash, non-ASCII), which JSON escapes.
/// </summary>
internal static class LongHistory
{
    public const int TurnCount = 40;

    public static IReadOnlyList<(string User, string Assistant)> Turns { get; } = Build();

    private static (string, string)[] Build() => [.. Enumerable.Range(1, TurnCount).Select(i => (Text(i, 300), Text(i, 1_600)))];

    private static string Text(int turn, int length)
    {
        var text = new StringBuilder(length + 80);
        var line = 0;
        while (text.Length < length)
            text.Append("Turn ").Append(turn).Append(", line ").Append(++line)
                .Append(": the \"gateway\" answered in 1.2 s — café, naïve, C:\\temp; ")
                .Append(line % 3 == 0 ? "\n\n" : "\n");
        return text.ToString(0, length);
    }
}
