using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ezrouter.Testing.Replay;

namespace Ezrouter.Testing.Recording;

/// <summary>Builds the matcher and JSON body of a recorded cassette.</summary>
internal static class RecordedMatcher
{
    /// <summary>
    /// A matcher on what tells requests apart in practice: <c>model</c>, <c>stream</c> and the last
    /// message's text; plus, on a model list, <c>anthropic-version</c> and <c>x-api-key</c> presence, which together select its shape.
    /// </summary>
    public static CassetteRequest For(RequestSnapshot request, SecretRedactor redactor)
    {
        var body = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (request.Json is { ValueKind: JsonValueKind.Object } json)
        {
            if (json.TryGetProperty("model", out var model))
            {
                body["model"] = Redacted(model, redactor);
            }

            body["stream"] = json.TryGetProperty("stream", out var stream) ? stream.Clone() : Parse("false");
            if (json.TryGetProperty("messages", out var messages)
                && messages.ValueKind == JsonValueKind.Array
                && messages.GetArrayLength() > 0
                && messages[messages.GetArrayLength() - 1].TryGetProperty("content", out var content)
                && content.ValueKind == JsonValueKind.String)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"messages.{messages.GetArrayLength() - 1}.content");
                body[path] = Redacted(content, redactor);
            }
        }

        Dictionary<string, string?>? headers = null;
        if (request.Method == "GET"
            && request.Path.EndsWith("/models", StringComparison.Ordinal)
            && request.Headers.ContainsKey("anthropic-version")
            && request.Headers.ContainsKey("x-api-key"))
        {
            // Gateway (docs/gateway-behavior.md §19): both headers together switch /v1/models to the Anthropic shape.
            headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["anthropic-version"] = "*", ["x-api-key"] = "*" };
        }

        return new CassetteRequest
        {
            Method = request.Method,
            Path = request.Path,
            Body = body.Count > 0 ? body : null,
            Headers = headers,
        };
    }

    /// <summary>
    /// The body as a JSON value when writing it compactly gives back exactly the same text (so
    /// replay stays byte-exact); otherwise null, and the body is kept as raw text.
    /// </summary>
    public static JsonElement? AsJsonIfExact(string text)
    {
        if (text.Length == 0 || (text[0] != '{' && text[0] != '['))
        {
            return null;
        }

        JsonElement element;
        try
        {
            element = Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        var rewritten = ReplayWriter.BodyBytes(new CassetteResponse { Status = 200, Json = element });
        return rewritten.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(text)) ? element : null;
    }

    private static JsonElement Redacted(JsonElement value, SecretRedactor redactor) =>
        value.ValueKind == JsonValueKind.String
            ? Parse(JsonSerializer.Serialize(redactor.RedactText(value.GetString() ?? string.Empty), CassetteJsonContext.Default.String))
            : value.Clone();

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
