using System;
using System.IO;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter.Streaming;

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

    /// <summary>
    /// Writes a model as JSON with Kiota's <see cref="KiotaJsonSerializer"/>, so through the JSON writer registered
    /// with Kiota, as the request bodies are: Kiota's own unless the application registered another.
    /// </summary>
    public static byte[] Serialize(IParsable value)
    {
        JsonWriterRegistration.Ensure();
        using var json = KiotaJsonSerializer.SerializeAsStream(value);
        using var copy = new MemoryStream();
        json.CopyTo(copy);
        return copy.ToArray();
    }

    private static class JsonWriterRegistration
    {
        // The registration the generated clients make when they are built (a factory registered before stays), so
        // the handlers work in a pipeline built without one.
        static JsonWriterRegistration() => ApiClientBuilder.RegisterDefaultSerializer<JsonSerializationWriterFactory>();

        public static void Ensure()
        {
        }
    }
}
