using System;
using System.Text;

namespace Ezrouter.Streaming;

/// <summary>
/// Tool arguments are JSON text inside a JSON string, so an upstream can send <c>\ud800</c> (a UTF-16 surrogate with
/// no partner) through both layers. JSON's grammar allows it, but no .NET string API can decode it: reading it
/// throws. It is replaced by <c>\uFFFD</c>, the replacement character, the way a decoder treats invalid text, so the
/// arguments keep every other character and stay parseable by the caller.
/// </summary>
internal static class LoneSurrogates
{
    /// <summary><paramref name="json"/> with every <c>\uXXXX</c> escape of an unpaired surrogate replaced by <c>\uFFFD</c>.</summary>
    public static string Replace(string json)
    {
        // Almost every argument string has no escape at all: one vectorised search, no copy.
        if (!json.Contains("\\u", StringComparison.Ordinal)) return json;
        StringBuilder? fixedJson = null;
        var copied = 0;
        for (var i = 0; i < json.Length - 1; i++)
        {
            if (json[i] != '\\') continue;
            // Any other escape (\\ included) is two characters: skip both, so "\\u" is not taken for a \u escape.
            // Each out variable is assigned outside any && or ||: Stryker swaps those operators, and a mutant that leaves
            // one unassigned does not compile (it then skips every mutant of the method).
            var isUnit = TryUnit(json, i + 2, out var unit);
            if (json[i + 1] != 'u' || !isUnit)
            {
                i++;
                continue;
            }
            var hasLow = TryUnit(json, i + 8, out var low);
            if (char.IsHighSurrogate(unit) && hasLow && json[i + 6] == '\\' && json[i + 7] == 'u' && char.IsLowSurrogate(low))
            {
                i += 11;
                continue;
            }
            if (char.IsSurrogate(unit))
            {
                fixedJson ??= new StringBuilder(json.Length);
                fixedJson.Append(json, copied, i - copied).Append("\\uFFFD");
                copied = i + 6;
            }
            i += 5;
        }
        return fixedJson is null ? json : fixedJson.Append(json, copied, json.Length - copied).ToString();
    }

    private static bool TryUnit(string json, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > json.Length) return false;
        var ok = ushort.TryParse(json.AsSpan(start, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value);
        unit = (char)value;
        return ok;
    }
}
