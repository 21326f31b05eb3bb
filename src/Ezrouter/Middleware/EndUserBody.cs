using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ezrouter.Middleware;

/// <summary>
/// A request body with the client-wide end user filled in where the request names none: OpenAI <c>user</c> on chat
/// completions, Anthropic <c>metadata.user_id</c> on messages (gateway-behavior §20). The field goes in after the
/// opening brace of the object it belongs to, found by <see cref="TopLevelJson"/>, so a long conversation is copied
/// once rather than parsed into a tree and written again; a body that scan is unsure of still takes that way.
/// </summary>
internal static class EndUserBody
{
    /// <summary>The body with the end user in it, or null when it stays as it is (another path, or one named already).</summary>
    public static byte[]? With(ReadOnlySpan<byte> json, Uri? uri, string endUserId)
    {
        var path = uri?.AbsolutePath ?? string.Empty;
        var chat = path.EndsWith("/chat/completions", StringComparison.Ordinal);
        if (!chat && !path.EndsWith("/messages", StringComparison.Ordinal)) return null;
        var value = JsonEncodedText.Encode(endUserId).EncodedUtf8Bytes;
        if (chat)
        {
            return TopLevelJson.Find(json, "user"u8, out var user) switch
            {
                TopLevelMatch.Absent => Insert(json, 0, Member("user"u8, value, inObject: false)),
                // Named, and not null: the request's own end user stands.
                TopLevelMatch.Found when !json[user].SequenceEqual("null"u8) => null,
                _ => ThroughTree(json, chat, endUserId),
            };
        }
        switch (TopLevelJson.Find(json, "metadata"u8, out var metadata))
        {
            case TopLevelMatch.Absent:
                return Insert(json, 0, Member("metadata"u8, value, inObject: true));
            case TopLevelMatch.Found when json[metadata] is [(byte)'{', ..]:
                var start = metadata.Start.GetOffset(json.Length);
                return TopLevelJson.Find(json[metadata], "user_id"u8, out var id) switch
                {
                    TopLevelMatch.Absent => Insert(json, start, Member("user_id"u8, value, inObject: false)),
                    TopLevelMatch.Found when !json[metadata][id].SequenceEqual("null"u8) => null,
                    _ => ThroughTree(json, chat, endUserId),
                };
            default:
                return ThroughTree(json, chat, endUserId);
        }
    }

    // "name":"value", or "name":{"user_id":"value"} for the metadata object made to hold it.
    private static byte[] Member(ReadOnlySpan<byte> name, ReadOnlySpan<byte> encoded, bool inObject)
    {
        var buffer = new ArrayBufferWriter<byte>(name.Length + encoded.Length + 20);
        buffer.Write("\""u8);
        buffer.Write(name);
        buffer.Write(inObject ? "\":{\"user_id\":\""u8 : "\":\""u8);
        buffer.Write(encoded);
        buffer.Write(inObject ? "\"}"u8 : "\""u8);
        return buffer.WrittenSpan.ToArray();
    }

    // The body with member as the first member of the object whose opening brace is at json[brace].
    private static byte[] Insert(ReadOnlySpan<byte> json, int brace, ReadOnlySpan<byte> member)
    {
        var rest = json[(brace + 1)..];
        var empty = rest[0] == (byte)'}';
        var body = new byte[json.Length + member.Length + (empty ? 0 : 1)];
        json[..(brace + 1)].CopyTo(body);
        member.CopyTo(body.AsSpan(brace + 1));
        var at = brace + 1 + member.Length;
        if (!empty) body[at++] = (byte)',';
        rest.CopyTo(body.AsSpan(at));
        return body;
    }

    // Any other body: parsed, the field set, written again.
    private static byte[]? ThroughTree(ReadOnlySpan<byte> json, bool chat, string endUserId)
    {
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
        // JsonNode.WriteTo, not JsonSerializer: reflection-free, so it runs trimmed and under Native AOT.
        var buffer = new ArrayBufferWriter<byte>(json.Length + endUserId.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer)) root.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
