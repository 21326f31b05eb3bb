using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Testing.Replay;

/// <summary>A received request, buffered so it can be matched against many cassettes.</summary>
internal sealed class RequestSnapshot
{
    public RequestSnapshot(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        Json = TryParse(body);
    }

    public string Method { get; }

    public string Path { get; }

    public string Query { get; }

    /// <summary>Header values by case-insensitive name; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    public JsonElement? Json { get; }

    public static RequestSnapshot From(HttpRequest request, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value.Where(v => v is not null));
        }

        return new RequestSnapshot(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, headers, body);
    }

    private static JsonElement? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
