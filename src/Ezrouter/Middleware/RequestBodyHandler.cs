using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter;

/// <summary>
/// Looks at JSON request bodies before they leave: rejects a <c>model</c> containing CR or LF (header-splitting
/// and log-injection bait), and fills in the client-wide end user — OpenAI <c>user</c> on chat completions,
/// Anthropic <c>metadata.user_id</c> on messages — where the request names none.
/// </summary>
public sealed class RequestBodyHandler : DelegatingHandler
{
    private readonly string? _endUserId;

    /// <summary>Creates the handler; <paramref name="endUserId"/> is the default end user, or null.</summary>
    public RequestBodyHandler(string? endUserId = null)
    {
        if (endUserId is not null) HeaderValues.Validate(endUserId, nameof(endUserId));
        _endUserId = endUserId;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content && content.Headers.ContentType?.MediaType == "application/json")
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var model = TopLevelString(bytes, "model");
            if (model is not null && model.AsSpan().IndexOfAny('\r', '\n') >= 0)
                throw new ArgumentException("The model name contains a CR or LF character.", "model");

            var replaced = _endUserId is null ? null : WithEndUser(bytes, request.RequestUri, _endUserId);
            var body = new ByteArrayContent(replaced ?? bytes);
            foreach (var header in content.Headers) body.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (replaced is not null) body.Headers.ContentLength = replaced.Length;
            request.Content = body;
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static byte[]? WithEndUser(byte[] json, Uri? uri, string endUserId)
    {
        var path = uri?.AbsolutePath ?? string.Empty;
        var chat = path.EndsWith("/chat/completions", StringComparison.Ordinal);
        var messages = path.EndsWith("/messages", StringComparison.Ordinal);
        if (!chat && !messages) return null;
        if (JsonNode.Parse(json) is not JsonObject root) return null;
        if (chat)
        {
            if (root["user"] is not null) return null;
            root["user"] = endUserId;
        }
        else
        {
            var metadata = root["metadata"] as JsonObject;
            if (metadata?["user_id"] is not null) return null;
            if (metadata is null) root["metadata"] = metadata = new JsonObject();
            metadata["user_id"] = endUserId;
        }
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    private static string? TopLevelString(ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String) return reader.GetString();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
