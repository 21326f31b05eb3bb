using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ezrouter.Testing;

/// <summary>Writes cassettes in the file format: indented, LF, one line per frame, trailing newline.</summary>
internal static partial class CassetteWriter
{
    public static string Write(Cassette cassette)
    {
        var text = JsonSerializer.Serialize(cassette, CassetteJsonContext.Indented.Cassette);

        // A frame reads best on one line, as in the authored cassettes.
        text = Frame().Replace(text, m => "{\"data\": " + m.Groups["data"].Value + ", \"delay_ms\": "
            + (m.Groups["delay"].Success ? m.Groups["delay"].Value : "0") + "}");
        return text + "\n";
    }

    [GeneratedRegex("""\{\n +"data": (?<data>"(?:[^"\\]|\\.)*")(?:,\n +"delay_ms": (?<delay>\d+))?\n +\}""")]
    private static partial Regex Frame();
}
