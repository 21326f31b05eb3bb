using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Ezrouter.Middleware.Options;
using Ezrouter.Http;

namespace Ezrouter.Middleware;

/// <summary>
/// Looks at JSON request bodies before they leave: rejects a <c>model</c> containing CR or LF (header-splitting
/// and log-injection bait), and fills in the client-wide end user — OpenAI <c>user</c> on chat completions,
/// Anthropic <c>metadata.user_id</c> on messages — where the request names none. Its option class is
/// <see cref="RequestBodyHandlerOption"/>: the client's is the default, and a request carrying its own overrides it.
/// The model check has no option: it is a guard, not a setting.
/// </summary>
public sealed class RequestBodyHandler : DelegatingHandler
{
    private readonly RequestBodyHandlerOption _option;

    /// <summary>Creates the handler; <paramref name="endUserId"/> is the default end user, or null.</summary>
    public RequestBodyHandler(string? endUserId = null)
    {
        if (endUserId is not null) HeaderValues.Validate(endUserId, nameof(endUserId));
        _option = new RequestBodyHandlerOption { EndUserId = endUserId };
    }

    /// <summary>Creates the handler with its default option (copied), which a request's own option overrides.</summary>
    public RequestBodyHandler(RequestBodyHandlerOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        _option = new RequestBodyHandlerOption { EndUserId = option.EndUserId };
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content && content.Headers.ContentType?.MediaType == "application/json")
        {
            // A body this client serialized is in memory already, and can be sent again as it is: read in place.
            if (content is RequestBodyContent inMemory)
            {
                Check(request, content, inMemory.Body.Span);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            // Kiota's body is a one-shot stream: buffer it once (so it can be read here, sent, and re-sent on a
            // retry) and read it through a pooled array rather than copying it into a new one.
            await content.LoadIntoBufferAsync().ConfigureAwait(false);
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var length = checked((int)stream.Length);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                stream.ReadExactly(rented, 0, length);
                Check(request, content, rented.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // The model check, then the end user: a body with one added replaces the request's content.
    private void Check(HttpRequestMessage request, HttpContent content, ReadOnlySpan<byte> json)
    {
        if (ModelHasLineBreak(json)) throw new ArgumentException("The model name contains a CR or LF character.", "model");

        var endUserId = (request.GetRequestOption<RequestBodyHandlerOption>() ?? _option).EndUserId;
        if (endUserId is not null && EndUserBody.With(json, request.RequestUri, endUserId) is { } replaced)
        {
            // In memory, like the body it replaces: the retry handler sends it again without buffering a copy.
            var body = new RequestBodyContent(replaced);
            foreach (var header in content.Headers) body.Headers.TryAddWithoutValidation(header.Key, header.Value);
            body.Headers.ContentLength = replaced.Length;
            request.Content = body;
        }
    }

    // Any top-level "model" string holding CR or LF. Found by a scan of the body's structure (TopLevelJson): a reader
    // only for a body that scan is unsure of, or a model with escapes in it.
    private static bool ModelHasLineBreak(ReadOnlySpan<byte> json)
    {
        var match = TopLevelJson.Find(json, "model"u8, out var at);
        if (match == TopLevelMatch.Absent) return false;
        if (match == TopLevelMatch.Unsure) return AnyLineBreak(json, topLevelName: "model"u8) ?? false;
        var raw = json[at];
        // Raw CR or LF in a string is not JSON, and counts too, escapes or not.
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') >= 0 && raw[0] == (byte)'"') return true;
        if (raw[0] != (byte)'"' || !raw.Contains((byte)'\\')) return false;
        // A value the scan found but a reader cannot read alone: the whole body decides, as for any other.
        return AnyLineBreak(raw, topLevelName: null) ?? AnyLineBreak(json, topLevelName: "model"u8) ?? false;
    }

    // Read leniently, as a server might (a byte-order mark, comments, trailing commas, deep nesting): with a name,
    // every top-level string of that name in an object; without, the value itself if it is a string. Null when the
    // bytes are not JSON even so.
    private static bool? AnyLineBreak(ReadOnlySpan<byte> json, ReadOnlySpan<byte> topLevelName)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        var reader = new Utf8JsonReader(json, Lenient);
        try
        {
            if (!reader.Read()) return false;
            if (topLevelName.IsEmpty) return LineBreakIn(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(topLevelName);
                reader.Read();
                if (match && LineBreakIn(ref reader)) return true;
                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            // Not JSON: the gateway refuses it; there is no model name in it to carry anywhere.
            return null;
        }
    }

    private static readonly JsonReaderOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 1024 };

    private static bool LineBreakIn(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.GetString().AsSpan().IndexOfAny('\r', '\n') >= 0;
}
