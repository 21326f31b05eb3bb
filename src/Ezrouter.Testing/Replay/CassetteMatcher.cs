using System;
using System.Collections.Generic;
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
            foreach (var (name, value) in headers)
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
