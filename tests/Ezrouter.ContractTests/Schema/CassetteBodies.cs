using System.Text;
using System.Text.Json;
using Ezrouter.Testing;

namespace Ezrouter.ContractTests.Schema;

/// <summary>Cuts each response of a cassette into the JSON texts it puts on the wire (see <see cref="CassetteBody"/>).</summary>
public static class CassetteBodies
{
    /// <summary>Every body, SSE payload and bare JSON line of every interaction, in wire order.</summary>
    public static IEnumerable<CassetteBody> Of(Cassette cassette)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        for (var i = 0; i < cassette.Interactions.Count; i++)
        {
            var request = cassette.Interactions[i].Request;
            var response = cassette.Interactions[i].Response;
            var at = new CassetteBody($"{cassette.Name}#{i}", request.Method.ToUpperInvariant(), request.Path, response.Status, CassetteBodyKind.Skipped, string.Empty);
            var contentType = response.Headers?.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "no Content-Type";

            if (response.Json is { } json)
                yield return at with { Kind = CassetteBodyKind.Json, Text = json.GetRawText() };
            else if (response.Body is { } body)
                yield return Whole(at, body, contentType);
            else if (response.Frames is { } frames)
                foreach (var part in Events(at, string.Concat(frames.Select(f => f.Data)))) yield return part;
            else
                yield return at with { SkipReason = "empty body" };
        }
    }

    private static CassetteBody Whole(CassetteBody at, string body, string contentType)
    {
        if (contentType.Contains("html", StringComparison.OrdinalIgnoreCase) || body.TrimStart().StartsWith('<'))
            return at with { SkipReason = $"an HTML page ({contentType}), not JSON" };
        try
        {
            using var document = JsonDocument.Parse(body);
            // Validated whatever the label: an error body can arrive labelled text/event-stream
            // (docs/gateway-behavior.md §5).
            return at with { Kind = CassetteBodyKind.Json, Text = body };
        }
        catch (JsonException)
        {
            return at with { SkipReason = $"not JSON ({contentType})" };
        }
    }

    // Spec (WHATWG SSE): lines end in LF, CRLF or CR; a blank line dispatches the event; "data:" lines join with LF;
    // ":" starts a comment. Not in the spec but on this gateway's wire: a JSON object written as a line of its own.
    private static IEnumerable<CassetteBody> Events(CassetteBody at, string stream)
    {
        var lines = stream.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var data = new StringBuilder();
        string? eventName = null;
        var hasData = false;
        var number = 0;
        foreach (var line in lines.Append(string.Empty))
        {
            if (line.Length == 0)
            {
                if (hasData) yield return at with { Where = $"{at.Where} event {number++}", Kind = CassetteBodyKind.SseData, Text = data.ToString(), EventName = eventName };
                data.Clear();
                eventName = null;
                hasData = false;
            }
            else if (line.StartsWith('{'))
            {
                yield return at with { Where = $"{at.Where} bare line after event {number - 1}", Kind = CassetteBodyKind.BareJsonLine, Text = line };
            }
            else if (line.StartsWith(':'))
            {
                // A comment (": PING"): nothing to validate.
            }
            else
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? string.Empty : line[(colon + 1)..];
                if (value.StartsWith(' ')) value = value[1..];
                if (field == "data")
                {
                    if (hasData) data.Append('\n');
                    data.Append(value);
                    hasData = true;
                }
                else if (field == "event")
                {
                    eventName = value;
                }
            }
        }
    }
}
