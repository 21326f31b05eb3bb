using System.Globalization;
using System.Text;

namespace Ezrouter.Testing.Defaults;

/// <summary>JSON strings escaped the way Go's encoding/json writes them, so default answers match the gateway byte for byte.</summary>
internal static class GoJson
{
    /// <summary>The string as a quoted JSON literal.</summary>
    /// <remarks>
    /// Go escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as <c>\u00XX</c> but leaves other
    /// non-ASCII text as UTF-8 (Cassettes/README.md, authoring conventions); System.Text.Json's encoders do neither exactly.
    /// </remarks>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }
}
