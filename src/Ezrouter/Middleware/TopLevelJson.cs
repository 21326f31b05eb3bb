using System;
using System.Buffers;

namespace Ezrouter.Middleware;

/// <summary>What <see cref="TopLevelJson.Find"/> could tell about a top-level property.</summary>
internal enum TopLevelMatch
{
    /// <summary>The object has no such property.</summary>
    Absent,

    /// <summary>The object has it once: its value is the raw bytes handed back.</summary>
    Found,

    /// <summary>The bytes are not a compact JSON object, the name appears more than once, or a name is escaped: read them with a JSON reader instead.</summary>
    Unsure,
}

/// <summary>
/// Finds a top-level property of a JSON object by jumping between the bytes that give it structure (quotes,
/// backslashes, brackets), as the layer's writers write it: compact, one object. A JSON reader validates every string
/// it passes, and a chat request writes its history before its <c>model</c> (properties go in name order): reading an
/// 80 KB conversation to find the model took a third of the call. Anything it does not expect (whitespace between
/// tokens, an escaped name, the name twice, bytes that do not add up) gives <see cref="TopLevelMatch.Unsure"/>, never
/// a guess, so the caller reads those bodies with <see cref="System.Text.Json.Utf8JsonReader"/> as before.
/// </summary>
internal static class TopLevelJson
{
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\"u8);
    // What a number, true, false or null is made of: a value starting with anything else (a space) is not compact.
    private static readonly SearchValues<byte> Literal = SearchValues.Create("-+.0123456789eEtruefalsn"u8);

    /// <summary>Looks for the top-level property <paramref name="name"/> (unescaped UTF-8) in <paramref name="json"/>.</summary>
    /// <param name="json">The body.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">When found: where the value's raw bytes are (a string with its quotes and escapes as written).</param>
    public static TopLevelMatch Find(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, out Range value)
    {
        value = default;
        var found = false;
        if (json.Length < 2 || json[0] != (byte)'{') return TopLevelMatch.Unsure;
        var i = 1;
        if (json[i] == (byte)'}') return i == json.Length - 1 ? TopLevelMatch.Absent : TopLevelMatch.Unsure;
        while (true)
        {
            if (i >= json.Length || json[i] != (byte)'"') return TopLevelMatch.Unsure;
            var keyEnd = StringEnd(json, i);
            if (keyEnd < 0) return TopLevelMatch.Unsure;
            var key = json[(i + 1)..keyEnd];
            // An escaped name may spell the one sought ("mod\u0065l"): only a reader can say.
            if (key.Contains((byte)'\\')) return TopLevelMatch.Unsure;
            i = keyEnd + 1;
            if (i >= json.Length || json[i] != (byte)':') return TopLevelMatch.Unsure;
            var start = ++i;
            i = ValueEnd(json, i);
            if (i < 0) return TopLevelMatch.Unsure;
            if (key.SequenceEqual(name))
            {
                // Twice: which one counts is up to the server, so the caller checks both, with a reader.
                if (found) return TopLevelMatch.Unsure;
                found = true;
                value = start..i;
            }
            if (i >= json.Length) return TopLevelMatch.Unsure;
            if (json[i] == (byte)'}')
                return i != json.Length - 1 ? TopLevelMatch.Unsure : found ? TopLevelMatch.Found : TopLevelMatch.Absent;
            if (json[i] != (byte)',') return TopLevelMatch.Unsure;
            i++;
        }
    }

    // The index just past the value starting at start, or -1.
    private static int ValueEnd(ReadOnlySpan<byte> json, int start)
    {
        if (start >= json.Length) return -1;
        var first = json[start];
        if (first == (byte)'"')
        {
            var end = StringEnd(json, start);
            return end < 0 ? -1 : end + 1;
        }
        if (first is (byte)'{' or (byte)'[')
        {
            var depth = 0;
            var i = start;
            while (true)
            {
                var next = json[i..].IndexOfAny(Structure);
                if (next < 0) return -1;
                i += next;
                if (json[i] == (byte)'"')
                {
                    var end = StringEnd(json, i);
                    if (end < 0) return -1;
                    i = end + 1;
                    continue;
                }
                depth += json[i] is (byte)'{' or (byte)'[' ? 1 : -1;
                i++;
                if (depth == 0) return i;
            }
        }
        // A number, true, false or null: up to the comma or brace after it, and nothing else on the way (a space
        // before a string would otherwise pass for a literal, and a comma inside that string for its end).
        var stop = json[start..].IndexOfAny((byte)',', (byte)'}');
        if (stop <= 0 || json.Slice(start, stop).IndexOfAnyExcept(Literal) >= 0) return -1;
        return start + stop;
    }

    // The index of the quote that closes the string opening at json[open], or -1.
    private static int StringEnd(ReadOnlySpan<byte> json, int open)
    {
        var i = open + 1;
        while (i < json.Length)
        {
            var next = json[i..].IndexOfAny(InString);
            if (next < 0) return -1;
            i += next;
            if (json[i] == (byte)'"') return i;
            // A backslash and the byte it escapes (a quote, a backslash, or the first of \uXXXX).
            i += 2;
        }
        return -1;
    }
}
