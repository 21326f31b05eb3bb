using System;
using System.Text.Json;

namespace Ezrouter;

/// <summary>
/// Looks into a successful (200) JSON answer for an error envelope without parsing it into a model: the gateway
/// relays an upstream's error object with HTTP 200, and a failed models list is <c>{"success": false}</c>
/// (docs/gateway-behavior.md §3). <see cref="ErrorBodyReader"/> then reads the envelope found.
/// </summary>
internal static class EnvelopeProbe
{
    /// <summary>
    /// A byte search that rules out most successful answers before <see cref="HasEnvelopeKey"/> walks them: whether
    /// <c>"error"</c> is followed by an object or a string, or <c>"success"</c> by <c>false</c>, anywhere. It does not
    /// see names written with escapes, which only a whole read would match.
    /// </summary>
    internal static bool MayHaveEnvelopeKey(ReadOnlySpan<byte> json) =>
        Followed(json, "\"error\""u8, "{\""u8) || Followed(json, "\"success\""u8, "f"u8);

    /// <summary>Whether some <paramref name="name"/> is followed (past a colon and whitespace) by one of <paramref name="starts"/>.</summary>
    private static bool Followed(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> starts)
    {
        for (var at = json.IndexOf(name); at >= 0;)
        {
            var rest = json[(at + name.Length)..].TrimStart(" \t\r\n"u8);
            if (rest.StartsWith(":"u8) && rest[1..].TrimStart(" \t\r\n"u8) is { IsEmpty: false } value && starts.Contains(value[0])) return true;
            json = rest;
            at = json.IndexOf(name);
        }
        return false;
    }

    /// <summary>Whether the object has a top-level <c>error</c> that is an object or a string, or <c>"success": false</c>.</summary>
    internal static bool HasEnvelopeKey(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var error = reader.ValueTextEquals("error"u8);
                var success = !error && reader.ValueTextEquals("success"u8);
                reader.Read();
                if (error && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String) return true;
                if (success && reader.TokenType == JsonTokenType.False) return true;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not readable JSON: no envelope, as the whole parse would find.
        }
        return false;
    }

    /// <summary>Whether the object is a Responses API object (top-level <c>"object": "response"</c>), whose <c>error</c> is its own.</summary>
    internal static bool IsResponseObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var kind = reader.ValueTextEquals("object"u8);
                reader.Read();
                if (kind) return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("response"u8);
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not readable JSON: not a response object.
        }
        return false;
    }
}
