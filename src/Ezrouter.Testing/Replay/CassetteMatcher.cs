using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ezrouter.Testing.Replay;

/// <summary>Compares one interaction's matcher with a request and says what differs.</summary>
internal static class CassetteMatcher
{
    /// <summary>Header that selects a cassette by name; never part of matching.</summary>
    public const string CassetteHeader = "X-Cassette";

    public static MatchOutcome Evaluate(CassetteRequest expected, RequestSnapshot actual)
    {
        var differences = new List<string>();
        var matched = 0;
        var methodAndPath = true;

        if (!string.Equals(expected.Method, actual.Method, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add("method");
            methodAndPath = false;
        }

        if (!string.Equals(expected.Path, actual.Path, StringComparison.Ordinal))
        {
            differences.Add("path");
            methodAndPath = false;
        }

        if (expected.Body is { } body)
        {
            foreach (var (path, value) in body)
            {
                if (BodyValueMatches(actual.Json, path, value))
                {
                    matched++;
                }
                else
                {
                    differences.Add(path);
                }
            }
        }

        if (expected.Headers is { } headers)
        {
            foreach (var (name, value) in WithImpliedHeaders(expected, headers))
            {
                if (HeaderMatches(actual.Headers, name, value))
                {
                    matched++;
                }
                else
                {
                    differences.Add("header " + name);
                }
            }
        }

        return new MatchOutcome(methodAndPath, matched, differences);
    }

    /// <summary>
    /// The matcher's headers, plus what the gateway itself requires for the answer to exist: an Anthropic-shape
    /// model list (a <c>GET …/v1/models</c> matcher that wants <c>anthropic-version</c>) comes back only when
    /// <c>x-api-key</c> is sent too (docs/gateway-behavior.md §19), so a Bearer-only client gets the OpenAI shape.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> WithImpliedHeaders(CassetteRequest expected, IReadOnlyDictionary<string, string?> headers)
    {
        var anthropicList = string.Equals(expected.Method, "GET", StringComparison.OrdinalIgnoreCase)
            && expected.Path.EndsWith("/v1/models", StringComparison.Ordinal)
            && headers.TryGetValue("anthropic-version", out var version) && version is not null
            && !headers.ContainsKey("x-api-key");
        return anthropicList ? headers.Append(new KeyValuePair<string, string?>("x-api-key", "*")) : headers;
    }

    private static bool BodyValueMatches(JsonElement? json, string path, JsonElement expected)
    {
        if (!JsonPath.TryResolve(json, path, out var actual))
        {
            // Spec (cassette format): a missing path matches null, and a missing stream is a non-stream request.
            return expected.ValueKind == JsonValueKind.Null
                || (path == "stream" && expected.ValueKind == JsonValueKind.False);
        }

        return JsonElement.DeepEquals(expected, actual);
    }

    private static bool HeaderMatches(IReadOnlyDictionary<string, string> headers, string name, string? expected)
    {
        var present = headers.TryGetValue(name, out var actual);
        return expected switch
        {
            null => !present,
            "*" => present,
            _ => present && string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase),
        };
    }
}
