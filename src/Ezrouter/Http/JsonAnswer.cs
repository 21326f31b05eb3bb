using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Streaming;

namespace Ezrouter.Http;

/// <summary>
/// What a JSON answer must be before it is read into a model: labelled as JSON (or as nothing more specific), and one
/// JSON object. Kiota's parse node reads an array, a string or null as an empty model: a silent success.
/// </summary>
internal static class JsonAnswer
{
    /// <summary>The media type the generated clients send and read.</summary>
    public const string Json = "application/json";

    /// <summary>
    /// JSON by label, or unlabelled, or labelled as bytes or text: anything else (an SSE answer on a surface that does
    /// not aggregate, an image) is not the answer the call expects (docs/gateway-behavior.md §21).
    /// </summary>
    public static bool ReadsAsJson(string? mediaType) =>
        mediaType is null or Json or "text/json" or "text/plain" or "application/octet-stream"
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with a whole answer that should be one JSON object; null when it is one.</summary>
    public static string? NotOneObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read()) return "the answer is empty";
            if (reader.TokenType != JsonTokenType.StartObject) return $"the answer is a JSON {Kind(reader.TokenType)}, not an object";
            reader.Skip();
            // Anything but whitespace after the object: trailing bytes, or a second document.
            return reader.Read() ? "the answer has more after its JSON object" : null;
        }
        catch (JsonException e)
        {
            return $"the answer is not readable JSON: {e.Message}";
        }
    }

    /// <summary>The kind of a value's first token, for a message.</summary>
    public static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>
    /// Passes a body through to the parser and notes its first byte that is not whitespace or a byte-order mark, so
    /// the caller can tell an object from the other JSON values once the parser is done, without reading twice.
    /// </summary>
    internal sealed class FirstByteProbe(Stream inner) : ForwardReadStream
    {
        private static readonly byte[] Skipped = [(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', 0xEF, 0xBB, 0xBF];

        /// <summary>The first significant byte, or null when none has passed.</summary>
        public byte? First { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Note(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Note(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Note(ReadOnlySpan<byte> read)
        {
            if (First is null && read.IndexOfAnyExcept(Skipped) is var at and >= 0) First = read[at];
            return read.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
