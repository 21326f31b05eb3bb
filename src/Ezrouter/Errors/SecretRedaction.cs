using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Ezrouter;

/// <summary>
/// Takes secrets out of text before anything keeps it (an exception, a log line, a tag): the API key wherever it
/// sits, and any <c>Bearer &lt;token&gt;</c> or <c>x-api-key: &lt;value&gt;</c> shaped secret, even one that is not our
/// key (a proxy may echo another hop's credential). Always redact first, then cut, and never leave a cut-off start of
/// the key at the end of what is kept (docs/gateway-behavior.md §1).
/// </summary>
internal static partial class SecretRedaction
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Marker = "[REDACTED]";

    /// <summary>The shortest start of the key that is dropped from the end of a cut text: shorter says nothing.</summary>
    public const int MinPrefix = 4;

    // A token after "Bearer ", and a value after "x-api-key:" / "x-api-key=" (quoted or not, as a header line, a
    // query parameter or a JSON member echoes it). The marker itself never matches, so redacting twice is a no-op.
    // Source-generated, not RegexOptions.Compiled: nothing is compiled at run time (Reflection.Emit) when the first
    // client is built, which every process paid before its first call.
    [GeneratedRegex(@"(?<lead>\bBearer\s+)[A-Za-z0-9\-._~+/]+=*|(?<lead>\bx-api-key[""']?\s*[:=]\s*[""']?)(?!\[REDACTED\])[^\s""',;&)\]}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shaped();

    // The keys of live authentication providers (and other owners), so the exception itself can redact what a call
    // site forgot, e.g. a platform exception's message shown by ToString. Weak: a key lives as long as its owner.
    private static readonly ConditionalWeakTable<object, string> Known = new();

    /// <summary>The shortest key made known to every exception; see <see cref="Track"/>.</summary>
    public const int MinTracked = 16;

    /// <summary>
    /// Makes <paramref name="secret"/> known to every exception while <paramref name="owner"/> is alive. A key shorter
    /// than <see cref="MinTracked"/> is not: redacting, say, <c>k</c> from every error of the process would wreck them
    /// all, and the gateway's keys are far longer. A call still redacts its own key, whatever its length.
    /// </summary>
    public static void Track(object owner, string? secret)
    {
        if (secret is { Length: >= MinTracked }) Known.AddOrUpdate(owner, secret);
    }

    /// <summary>The text with <paramref name="secret"/>, every tracked key and every shaped secret replaced by the marker.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text, string? secret)
    {
        if (string.IsNullOrEmpty(text)) return text;
        if (!string.IsNullOrEmpty(secret)) text = text.Replace(secret, Marker, StringComparison.Ordinal);
        foreach (var known in Known)
            text = text.Replace(known.Value, Marker, StringComparison.Ordinal);
        return Shaped().Replace(text, m => m.Groups["lead"].Value + Marker);
    }

    /// <summary>
    /// Redacts, then keeps at most <paramref name="max"/> characters; when something was cut, a start of the key
    /// (at least <see cref="MinPrefix"/> characters) left at the very end is dropped too.
    /// </summary>
    public static string RedactThenCut(string text, string? secret, int max, bool markCut = false)
    {
        var redacted = Redact(text, secret);
        if (redacted.Length <= max) return redacted;
        var kept = Cut(redacted, max, secret);
        return markCut ? kept + CutMark(redacted.Length - kept.Length) : kept;
    }

    /// <summary>
    /// The first <paramref name="max"/> characters of an already redacted text, without a lone high surrogate or a
    /// start of the key (at least <see cref="MinPrefix"/> characters) at the end.
    /// </summary>
    public static string Cut(string redacted, int max, string? secret)
    {
        if (redacted.Length <= max) return redacted;
        var cut = redacted[..max];
        if (cut.Length > 0 && char.IsHighSurrogate(cut[^1])) cut = cut[..^1];
        return DropKeyPrefix(cut, secret);
    }

    /// <summary>The marker appended to a text that was cut: how many characters are missing.</summary>
    public static string CutMark(long removed) => string.Create(CultureInfo.InvariantCulture, $"… [cut: {removed:N0} chars]");

    /// <summary>Drops a start of any key (at least <see cref="MinPrefix"/> characters) from the end of a cut text.</summary>
    public static string DropKeyPrefix(string cut, string? secret)
    {
        foreach (var key in Keys(secret))
        {
            for (var length = Math.Min(key.Length - 1, cut.Length); length >= MinPrefix; length--)
            {
                if (cut.AsSpan(cut.Length - length).SequenceEqual(key.AsSpan(0, length)))
                {
                    cut = cut[..^length];
                    break;
                }
            }
        }
        return cut;
    }

    /// <summary>A copy of the headers with every value redacted; the caller's dictionary is left as it is.</summary>
    public static IDictionary<string, IEnumerable<string>> Redact(IDictionary<string, IEnumerable<string>>? headers, string? secret)
    {
        var copy = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        if (headers is null) return copy;
        foreach (var header in headers)
            copy[header.Key] = (header.Value ?? []).Select(value => Redact(value, secret)).ToArray();
        return copy;
    }

    private static IEnumerable<string> Keys(string? secret)
    {
        if (!string.IsNullOrEmpty(secret)) yield return secret;
        foreach (var known in Known)
            if (known.Value != secret) yield return known.Value;
    }
}
