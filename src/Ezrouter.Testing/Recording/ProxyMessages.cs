using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using Ezrouter.Testing.Hosting;
using Ezrouter.Testing.Replay;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Testing.Recording;

/// <summary>
/// What record mode forwards each way: the client's request as sent upstream, and the upstream's status and headers
/// as copied back, each without the hop-by-hop headers that belong to one connection.
/// </summary>
internal static class ProxyMessages
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection",
        "Content-Length",

        // Identity encoding keeps recorded bodies readable.
        "Accept-Encoding",
        CassetteMatcher.CassetteHeader,
    };

    private static readonly HashSet<string> NotCopiedBack = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Trailer", "Upgrade", "Proxy-Connection", "Content-Length",
    };

    /// <summary>The request to send upstream: the client's, less hop-by-hop headers, with the recording key when the client sent none.</summary>
    public static HttpRequestMessage ToUpstream(RecordingOptions options, RequestSnapshot request, byte[] body)
    {
        var target = new Uri(options.UpstreamBaseUrl.AbsoluteUri.TrimEnd('/') + request.Path + request.Query);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
        }

        var hasCredential = false;
        foreach (var (name, value) in request.Headers)
        {
            if (NotForwarded.Contains(name))
            {
                continue;
            }

            var isCredential = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase);
            if (isCredential && options.ReplaceClientCredentials)
            {
                continue;
            }

            hasCredential |= isCredential;
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (!hasCredential && !string.IsNullOrEmpty(options.ApiKey))
        {
            // Gateway: Bearer on the OpenAI surface, x-api-key on the Anthropic one (docs/gateway-behavior.md §1).
            if (request.Path.StartsWith("/anthropic", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation("x-api-key", options.ApiKey);
            }
            else
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            }
        }

        return message;
    }

    /// <summary>Copies the upstream's status and headers to the client's response; returns the headers for the cassette.</summary>
    public static List<KeyValuePair<string, string>> CopyBack(HttpResponseMessage upstreamResponse, HttpResponse response)
    {
        response.StatusCode = (int)upstreamResponse.StatusCode;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in upstreamResponse.Headers.Concat(upstreamResponse.Content.Headers))
        {
            if (NotCopiedBack.Contains(name))
            {
                continue;
            }

            var value = string.Join(", ", values);
            response.Headers[name] = values.ToArray();
            headers.Add(new KeyValuePair<string, string>(name, value));
        }

        // No Content-Length: the body goes out chunked, so its end reaches the client only after the cassette is saved.
        return headers;
    }
}
