using System.Globalization;
using System.Text.Json;

namespace Ezrouter.Testing.Replay;

/// <summary>Resolves the cassette format's dotted paths (<c>messages.0.content</c>, <c>messages.-1.role</c>).</summary>
internal static class JsonPath
{
    public static bool TryResolve(JsonElement? root, string dottedPath, out JsonElement value)
    {
        value = default;
        if (root is not { } current)
        {
            return false;
        }

        foreach (var segment in dottedPath.Split('.'))
        {
            switch (current.ValueKind)
            {
                case JsonValueKind.Object:
                    if (!current.TryGetProperty(segment, out current))
                    {
                        return false;
                    }

                    break;
                case JsonValueKind.Array:
                    if (!int.TryParse(segment, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                    {
                        return false;
                    }

                    var length = current.GetArrayLength();
                    if (index < 0)
                    {
                        index += length;
                    }

                    if (index < 0 || index >= length)
                    {
                        return false;
                    }

                    current = current[index];
                    break;
                default:
                    return false;
            }
        }

        value = current;
        return true;
    }
}
