using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace Ezrouter.Http;

/// <summary>The gateway's own response headers (docs/gateway-behavior.md §1), and reading headers off a response.</summary>
internal static class EzrouterHeaders
{
    /// <summary>The gateway's request id, quoted when reporting a problem.</summary>
    public const string RequestId = "X-Oneapi-Request-Id";

    /// <summary>The gateway's build; a change means a redeploy.</summary>
    public const string Version = "X-New-Api-Version";

    /// <summary>A copy of a response's headers, content headers included, case-insensitive.</summary>
    public static IDictionary<string, IEnumerable<string>> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers) headers[header.Key] = header.Value.ToArray();
        foreach (var header in response.Content.Headers) headers[header.Key] = header.Value.ToArray();
        return headers;
    }

    public static string? First(IDictionary<string, IEnumerable<string>> headers, string name) =>
        headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The first value of a response header, or null.</summary>
    public static string? First(HttpResponseMessage response, string name)
    {
        // NonValidated: the value as it arrived, without the string array TryGetValues builds on every call (three
        // lookups per call).
        if (!response.Headers.NonValidated.TryGetValues(name, out var values)) return null;
        foreach (var value in values) return value;
        return null;
    }
}
