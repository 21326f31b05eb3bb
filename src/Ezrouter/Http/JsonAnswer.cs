using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Streaming;
using Microsoft.Kiota.Abstractions.Serialization;

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

    /// <summary>Whether a generated reader reads <paramref name="modelType"/> (a JSON response or error envelope of either surface).</summary>
    public static bool HasReader(Type modelType) =>
        Generated.OpenAi.Readers.ResponseReaders.CanRead(modelType) || Generated.Anthropic.Readers.ResponseReaders.CanRead(modelType);

    /// <summary>
    /// Reads a whole answer that must be one JSON object into <paramref name="modelType"/> with its generated reader.
    /// Throws <see cref="JsonException"/> on unreadable JSON or a value of the wrong type (then
    /// <see cref="JsonException.BytePositionInLine"/> is the value's offset and <see cref="JsonException.LineNumber"/>
    /// null, as <see cref="StreamErrors.Describe"/> reads them), and <see cref="NotAnObjectException"/> when the
    /// answer is another JSON value.
    /// </summary>
    public static IParsable Read(Type modelType, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(WithoutBom(json));
        if (!reader.Read()) throw new JsonException("the answer is empty");
        if (reader.TokenType != JsonTokenType.StartObject) throw new NotAnObjectException(Kind(reader.TokenType));
        if (!Generated.OpenAi.Readers.ResponseReaders.TryRead(modelType, ref reader, out var model)
            && !Generated.Anthropic.Readers.ResponseReaders.TryRead(modelType, ref reader, out model))
            throw new ArgumentException($"no generated reader for {modelType.Name}", nameof(modelType));
        // Only whitespace may follow: the reader throws on anything else (trailing bytes, a second document).
        if (reader.Read()) throw new JsonException("the answer has more after its JSON object");
        return model;
    }

    /// <summary>
    /// What a <see cref="JsonException"/> from <see cref="Read"/> says, with the path of the field when a generated
    /// reader refused a value at a known offset (<c>choices[0].message.content: expected a string, found a number</c>).
    /// </summary>
    public static string Describe(JsonException e, ReadOnlySpan<byte> json) =>
        e.LineNumber is null && e.BytePositionInLine is { } offset && JsonLocation.PathAt(WithoutBom(json), offset) is { } field
            ? $"{field}: {e.Message}"
            : e.Message;

    // A byte-order mark is not JSON, but Kiota's parser (JsonDocument over a stream) skips one, and so does this.
    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json) => json.StartsWith("\uFEFF"u8) ? json[3..] : json;

    /// <summary>An answer that is valid JSON but not an object.</summary>
    internal sealed class NotAnObjectException(string kind) : Exception($"the answer is a JSON {kind}, not an object")
    {
    }

    /// <summary>
    /// The most bytes of a JSON answer held in memory: four per character of <see cref="EzrouterLimits.MaxAnswerChars"/>
    /// (UTF-8 takes at most three per UTF-16 character, and the JSON around the text is small next to it), and never
    /// more than an array can hold.
    /// </summary>
    public static long MaxBytes(EzrouterLimits bounds) =>
        bounds.MaxAnswerChars is { } chars && chars < Array.MaxLength / 4 ? chars * 4 : Array.MaxLength;

    /// <summary>
    /// The whole body as an array of its own, at most <see cref="MaxBytes"/> of <paramref name="bounds"/>; null when it
    /// is longer (then no more than the bound plus one byte was read).
    /// </summary>
    public static async Task<byte[]?> ReadAllAsync(HttpContent content, EzrouterLimits bounds, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (await ReadBodyAsync(stream, content.Headers.ContentLength, MaxBytes(bounds), cancellationToken).ConfigureAwait(false) is not { } body) return null;
        try
        {
            return body.Buffer.AsSpan(0, body.Length).ToArray();
        }
        finally
        {
            BodyBuffers.Return(body.Buffer);
        }
    }

    /// <summary>
    /// Reads a whole body into a buffer from <see cref="BodyBuffers"/> (sized by Content-Length when it is given, up to 1 MiB), at
    /// most <paramref name="limit"/> bytes; null when the body is longer. The caller returns the buffer.
    /// </summary>
    public static async Task<(byte[] Buffer, int Length)?> ReadBodyAsync(Stream body, long? contentLength, long limit, CancellationToken cancellationToken)
    {
        if (contentLength > limit) return null;
        var buffer = BodyBuffers.Rent(BodyBuffers.InitialSize(contentLength, limit));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit) break;
                    var larger = BodyBuffers.Rent((int)Math.Min((long)buffer.Length * 2, Math.Min(limit + 1, Array.MaxLength)));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    BodyBuffers.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > limit) break;
            }
            if (length <= limit) return (buffer, length);
        }
        catch
        {
            BodyBuffers.Return(buffer);
            throw;
        }
        BodyBuffers.Return(buffer);
        return null;
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
