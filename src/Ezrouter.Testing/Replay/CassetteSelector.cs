using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Ezrouter.Testing.Replay;

/// <summary>
/// Picks the cassette and interaction for a request and remembers which interactions were used,
/// so sequences ("502, then success") advance per gateway instance.
/// </summary>
internal sealed class CassetteSelector
{
    private readonly Cassette[] cassettes;
    private readonly Dictionary<string, Cassette> byName;
    private readonly Dictionary<string, HashSet<int>> consumed = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public CassetteSelector(IEnumerable<Cassette> cassettes)
    {
        // Later sources override earlier ones with the same name (embedded < directory < in-memory).
        byName = new Dictionary<string, Cassette>(StringComparer.Ordinal);
        foreach (var cassette in cassettes)
        {
            byName[cassette.Name] = cassette;
        }

        this.cassettes = byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<Cassette> Cassettes => cassettes;

    public Selection Select(RequestSnapshot request)
    {
        if (request.Headers.TryGetValue(CassetteMatcher.CassetteHeader, out var requested) && requested.Length > 0)
        {
            return SelectByName(request, requested);
        }

        Cassette? best = null;
        var bestSpecificity = -1;
        List<int>? bestCandidates = null;
        foreach (var cassette in cassettes)
        {
            var candidates = new List<int>();
            var specificity = -1;
            for (var i = 0; i < cassette.Interactions.Count; i++)
            {
                var outcome = CassetteMatcher.Evaluate(cassette.Interactions[i].Request, request);
                if (outcome.IsMatch)
                {
                    candidates.Add(i);
                    specificity = Math.Max(specificity, outcome.Specificity);
                }
            }

            // Ordinal name order plus a strict comparison breaks ties by name.
            if (candidates.Count > 0 && specificity > bestSpecificity)
            {
                best = cassette;
                bestSpecificity = specificity;
                bestCandidates = candidates;
            }
        }

        if (best is null || bestCandidates is null)
        {
            return Selection.NoMatch(DescribeNoMatch(request));
        }

        return Selection.Match(best, Consume(best, bestCandidates));
    }

    public void Reset()
    {
        lock (gate)
        {
            consumed.Clear();
        }
    }

    private Selection SelectByName(RequestSnapshot request, string name)
    {
        if (!byName.TryGetValue(name, out var cassette))
        {
            return Selection.NoMatch(
                $"recorded gateway: no cassette named '{name}' ({CassetteMatcher.CassetteHeader} header); {Summarize(request)}");
        }

        var candidates = Enumerable.Range(0, cassette.Interactions.Count)
            .Where(i => CassetteMatcher.Evaluate(cassette.Interactions[i].Request, request).IsMatch)
            .ToList();
        if (candidates.Count == 0)
        {
            // An explicit selection is honoured even when the request differs: the sequence is the contract.
            candidates = Enumerable.Range(0, cassette.Interactions.Count).ToList();
        }

        return Selection.Match(cassette, Consume(cassette, candidates));
    }

    private int Consume(Cassette cassette, List<int> candidates)
    {
        lock (gate)
        {
            if (!consumed.TryGetValue(cassette.Name, out var used))
            {
                used = new HashSet<int>();
                consumed[cassette.Name] = used;
            }

            foreach (var index in candidates)
            {
                if (used.Add(index))
                {
                    return index;
                }
            }

            // Spec (cassette format): once every matching interaction was used, the last one repeats.
            return candidates[^1];
        }
    }

    private string DescribeNoMatch(RequestSnapshot request)
    {
        var text = new StringBuilder("recorded gateway: no cassette matches ").Append(Summarize(request));
        var closest = cassettes
            .SelectMany(c => c.Interactions.Select(i => (Cassette: c, Outcome: CassetteMatcher.Evaluate(i.Request, request))))
            .OrderByDescending(x => x.Outcome.MethodAndPathMatch)
            .ThenBy(x => x.Outcome.Differences.Count)
            .ThenByDescending(x => x.Outcome.Specificity)
            .ThenBy(x => x.Cassette.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (closest.Cassette is null)
        {
            return text.Append("; no cassettes are loaded").ToString();
        }

        return text.Append("; closest: ").Append(closest.Cassette.Name)
            .Append(" (differs in: ").Append(string.Join(", ", closest.Outcome.Differences)).Append(')')
            .ToString();
    }

    private static string Summarize(RequestSnapshot request)
    {
        var summary = request.Method + " " + request.Path;
        if (request.Json is not { ValueKind: JsonValueKind.Object } json)
        {
            return summary;
        }

        var model = json.TryGetProperty("model", out var m) ? Render(m) : "(none)";
        var stream = json.TryGetProperty("stream", out var s) ? Render(s) : "false";
        return string.Create(CultureInfo.InvariantCulture, $"{summary} {{model={model}, stream={stream}}}");
    }

    private static string Render(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
}
