using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Ezrouter.Streaming;

/// <summary>Names the field at a byte offset of a JSON document (<c>choices[0].delta.content</c>), for error messages.</summary>
internal static class JsonLocation
{
    /// <summary>The path of the value that starts at <paramref name="offset"/>; "the event" for the root; null when the bytes do not say.</summary>
    public static string? PathAt(ReadOnlySpan<byte> json, long offset)
    {
        var reader = new Utf8JsonReader(json);
        // One frame per open container: its property name (objects) or its next index (arrays).
        var path = new List<(bool IsArray, string? Name, int Index)>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    pending = reader.GetString();
                    if (path.Count > 0 && !path[^1].IsArray) path[^1] = (false, null, 0);
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    path.RemoveAt(path.Count - 1);
                    Advance(path);
                    continue;
                }
                if (reader.TokenStartIndex >= offset) return Describe(path, pending);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    Name(path, pending);
                    path.Add((reader.TokenType == JsonTokenType.StartArray, null, 0));
                }
                else Advance(path);
                pending = null;
            }
        }
        catch (JsonException)
        {
            // The document is broken before the offset: no path to give.
        }
        return null;
    }

    // The container's current element is named by the property just read (objects); arrays count their items.
    private static void Name(List<(bool IsArray, string? Name, int Index)> path, string? pending)
    {
        if (path.Count > 0 && !path[^1].IsArray) path[^1] = (false, pending, 0);
    }

    private static void Advance(List<(bool IsArray, string? Name, int Index)> path)
    {
        if (path.Count > 0 && path[^1].IsArray) path[^1] = (true, null, path[^1].Index + 1);
    }

    private static string Describe(List<(bool IsArray, string? Name, int Index)> path, string? pending)
    {
        var text = new StringBuilder();
        foreach (var (isArray, name, index) in path)
        {
            if (isArray) text.Append('[').Append(index).Append(']');
            else if (name is not null) text.Append(text.Length > 0 ? "." : "").Append(name);
        }
        if (path.Count > 0 && !path[^1].IsArray && pending is not null) text.Append(text.Length > 0 ? "." : "").Append(pending);
        return text.Length == 0 ? "the event" : text.ToString();
    }
}
