using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ezrouter.Generator.Loading;

/// <summary>
/// Converts a YAML document to JSON text. Microsoft.OpenApi 2.x reads JSON only here (its YAML reader package is
/// not served by our mirror), so YAML is our front end. Plain scalars are typed the way YAML 1.2's core schema
/// types them; quoted scalars stay strings. A naive object round trip would turn every value into a string.
/// </summary>
public static class YamlToJson
{
    public static string Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1)
            throw new SpecException($"expected one YAML document, found {stream.Documents.Count}");

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            WriteNode(writer, stream.Documents[0].RootNode);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        throw new SpecException($"only scalar mapping keys are supported (line {key.Start.Line})");
                    writer.WritePropertyName(name);
                    WriteNode(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                    WriteNode(writer, item);
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new SpecException($"unsupported YAML node at line {node.Start.Line}");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            writer.WriteStringValue(text);
            return;
        }
        // Spec: YAML 1.2 core schema — null, booleans, integers and floats are recognised in plain scalars only.
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return;
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
            return;
        }
        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
            return;
        }
        writer.WriteStringValue(text);
    }

    private static bool LooksLikeFloat(string text)
    {
        // Only plain decimal notation: "1.0", "-0.5", "1e3". Version strings like "1.0.0" stay strings.
        var seenDigit = false;
        var seenDot = false;
        var seenExponent = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c)) seenDigit = true;
            else if (c == '.' && !seenDot && !seenExponent) seenDot = true;
            else if ((c == 'e' || c == 'E') && seenDigit && !seenExponent) seenExponent = true;
            else if ((c == '-' || c == '+') && (i == 0 || text[i - 1] is 'e' or 'E')) { }
            else return false;
        }
        return seenDigit;
    }
}
