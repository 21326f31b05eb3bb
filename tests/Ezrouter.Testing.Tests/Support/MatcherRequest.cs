using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ezrouter.Testing.Tests.Support;

/// <summary>Builds the smallest request a cassette's matcher accepts, as a client without X-Cassette would send it.</summary>
internal static class MatcherRequest
{
    public static HttpRequestMessage Build(CassetteRequest matcher)
    {
        var request = new HttpRequestMessage(new HttpMethod(matcher.Method), matcher.Path.TrimStart('/'));
        if (matcher.Method != "GET")
        {
            request.Content = new StringContent(Body(matcher).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in matcher.Headers ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(name, value == "*" ? "2023-06-01" : value);
            }
        }

        // The gateway's own condition for an Anthropic-shape model list (docs/gateway-behavior.md §19), which the
        // recorded gateway adds to such a matcher: x-api-key must be sent beside anthropic-version.
        if (matcher.Method == "GET" && matcher.Path.EndsWith("/v1/models", StringComparison.Ordinal) && matcher.Headers?.ContainsKey("anthropic-version") == true)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", "sk-test");
        }

        return request;
    }

    public static JsonObject Body(CassetteRequest matcher)
    {
        var root = new JsonObject();
        foreach (var (path, value) in matcher.Body ?? new Dictionary<string, JsonElement>())
        {
            // A null matcher is met by leaving the path out.
            if (value.ValueKind != JsonValueKind.Null)
            {
                Set(root, path.Split('.'), JsonNode.Parse(value.GetRawText()));
            }
        }

        return root;
    }

    private static void Set(JsonNode parent, string[] segments, JsonNode? value)
    {
        var node = parent;
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var nextIsIndex = !last && int.TryParse(segments[i + 1], CultureInfo.InvariantCulture, out _);
            if (node is JsonObject obj)
            {
                if (last)
                {
                    obj[segments[i]] = value;
                    return;
                }

                node = obj[segments[i]] ??= nextIsIndex ? new JsonArray() : new JsonObject();
            }
            else if (node is JsonArray array)
            {
                var index = int.Parse(segments[i], CultureInfo.InvariantCulture);
                while (array.Count <= index)
                {
                    array.Add(new JsonObject { ["role"] = "user", ["content"] = "filler" });
                }

                if (last)
                {
                    array[index] = value;
                    return;
                }

                node = array[index]!;
            }
        }
    }
}
