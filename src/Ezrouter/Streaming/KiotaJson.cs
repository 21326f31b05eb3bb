using System;
using System.IO;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter;

/// <summary>Reads generated models straight from UTF-8 bytes, and writes them back, with Kiota's JSON runtime.</summary>
internal static class KiotaJson
{
    /// <summary>Parses one JSON value from a span (an SSE event's data) without building a string.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> json, ParsableFactory<T> factory) where T : IParsable
    {
        // A standalone element, not a disposable JsonDocument: Kiota's UntypedArray enumerates its element lazily,
        // after parsing returns.
        var reader = new Utf8JsonReader(json);
        var element = JsonElement.ParseValue(ref reader);
        return new JsonParseNode(element).GetObjectValue(factory);
    }

    /// <summary>Parses free-form JSON (a tool call's arguments) into an <see cref="UntypedNode"/>.</summary>
    public static UntypedNode ParseUntyped(ReadOnlySpan<byte> json) => Parse(json, UntypedNode.CreateFromDiscriminatorValue);

    public static byte[] Serialize(IParsable value)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, value);
        using var content = writer.GetSerializedContent();
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.ToArray();
    }
}
