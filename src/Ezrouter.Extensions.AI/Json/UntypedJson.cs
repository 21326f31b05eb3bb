using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter.Extensions.AI.Json;

/// <summary>
/// Between System.Text.Json values and Kiota's <see cref="UntypedNode"/> (what the generated models hold for free-form
/// JSON: tool schemas, tool inputs, extra body fields), without reflection: trim- and AOT-safe.
/// </summary>
internal static class UntypedJson
{
    /// <summary>A JSON element as an untyped node.</summary>
    public static UntypedNode FromElement(JsonElement element) =>
        new JsonParseNode(element).GetObjectValue(UntypedNode.CreateFromDiscriminatorValue);

    /// <summary>JSON text as an untyped node.</summary>
    public static UntypedNode FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromElement(document.RootElement.Clone());
    }

    /// <summary>
    /// A caller's value (<see cref="ChatOptions.AdditionalProperties"/>, a tool result) as an untyped node: JSON values
    /// and primitives directly, anything else through <see cref="AIJsonUtilities.DefaultOptions"/>'s source-generated
    /// contracts (a type it has no contract for fails with <see cref="NotSupportedException"/>, never through reflection).
    /// </summary>
    public static UntypedNode FromValue(object? value) => value switch
    {
        null => new UntypedNull(),
        UntypedNode node => node,
        string s => new UntypedString(s),
        bool b => new UntypedBoolean(b),
        int i => new UntypedInteger(i),
        long l => new UntypedLong(l),
        float f => new UntypedFloat(f),
        double d => new UntypedDouble(d),
        decimal m => new UntypedDecimal(m),
        JsonElement e => FromElement(e),
        _ => FromElement(JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()))),
    };

    /// <summary>An untyped node as compact JSON text.</summary>
    public static string ToJson(UntypedNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, node);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>An untyped node as a JSON element.</summary>
    public static JsonElement ToElement(UntypedNode? node)
    {
        using var document = JsonDocument.Parse(ToJson(node));
        return document.RootElement.Clone();
    }

    /// <summary>Function-call arguments as M.E.AI expects them: a dictionary of JSON elements (null when not an object).</summary>
    public static IDictionary<string, object?>? ToArguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new Dictionary<string, object?>();
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
        var arguments = new Dictionary<string, object?>();
        foreach (var property in document.RootElement.EnumerateObject()) arguments[property.Name] = property.Value.Clone();
        return arguments;
    }

    /// <summary>Function-call arguments as JSON text (an object; <c>{}</c> when there are none).</summary>
    public static string ArgumentsToJson(IDictionary<string, object?>? arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (arguments is not null)
            {
                foreach (var (name, value) in arguments)
                {
                    writer.WritePropertyName(name);
                    Write(writer, FromValue(value));
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A tool result as the text both surfaces carry: a string as it is, anything else as JSON.</summary>
    public static string ResultToText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        _ => ToJson(FromValue(result)),
    };

    private static void Write(Utf8JsonWriter writer, UntypedNode? node)
    {
        switch (node)
        {
            case null or UntypedNull:
                writer.WriteNullValue();
                break;
            case UntypedObject o:
                writer.WriteStartObject();
                foreach (var (name, value) in o.GetValue())
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case UntypedArray a:
                writer.WriteStartArray();
                foreach (var value in a.GetValue()) Write(writer, value);
                writer.WriteEndArray();
                break;
            case UntypedString s:
                if (s.GetValue() is { } text) writer.WriteStringValue(text);
                else writer.WriteNullValue();
                break;
            case UntypedBoolean b:
                writer.WriteBooleanValue(b.GetValue());
                break;
            case UntypedInteger i:
                writer.WriteNumberValue(i.GetValue());
                break;
            case UntypedLong l:
                writer.WriteNumberValue(l.GetValue());
                break;
            case UntypedFloat f:
                writer.WriteNumberValue(f.GetValue());
                break;
            case UntypedDouble d:
                writer.WriteNumberValue(d.GetValue());
                break;
            case UntypedDecimal m:
                writer.WriteNumberValue(m.GetValue());
                break;
            default:
                throw new NotSupportedException($"Untyped JSON node of type {node.GetType().Name}.");
        }
    }

}
