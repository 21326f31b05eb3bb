using System;
using System.Collections.Generic;
using System.Linq;

namespace Ezrouter.Testing.Defaults;

/// <summary>The gateway's own answers that need no upstream: its routing error, its 404 and its web page.</summary>
internal static class GatewayPages
{
    /// <summary>The <c>X-New-Api-Version</c> every embedded cassette carries (Cassettes/README.md, authoring conventions).</summary>
    public const string Version = "v0.9.6";

    private const string JsonType = "application/json; charset=utf-8";

    // The same page the html-unknown-path cassette holds, so both answers are one page.
    private static readonly Lazy<string> IndexHtml = new(() =>
        Cassette.LoadEmbedded().First(c => c.Name == "html-unknown-path").Interactions[0].Response.Body!);

    /// <summary>
    /// 503 <c>model_not_found</c> from the gateway's distributor, in the OpenAI shape on both surfaces, since it is
    /// raised before relaying (docs/gateway-behavior.md §2, §3; cassette <c>error-503-model-not-found</c>).
    /// </summary>
    public static CassetteResponse ModelNotFound(string name, string model, string requestId) => new()
    {
        Status = 503,
        Headers = Headers(name, JsonType, requestId),
        Body = "{\"error\":{\"code\":\"model_not_found\",\"message\":"
            + GoJson.Quote($"No available channel for model {model} under group default (distributor) (request id: {requestId})")
            + ",\"type\":\"new_api_error\"}}",
    };

    /// <summary>
    /// The 404 for a path under <c>/v1</c> that the gateway has no route for; the message names the gateway's own
    /// path, without the <c>/anthropic</c> prefix the proxy removed (cassettes <c>error-404-invalid-url</c>, <c>error-404-count-tokens</c>).
    /// </summary>
    public static CassetteResponse InvalidUrl(string name, string method, string gatewayPath, string requestId) => new()
    {
        Status = 404,
        Headers = Headers(name, JsonType, requestId),
        Body = "{\"error\":{\"message\":" + GoJson.Quote($"Invalid URL ({method} {gatewayPath})")
            + ",\"type\":\"invalid_request_error\",\"param\":\"\",\"code\":\"\"}}",
    };

    /// <summary>The web UI's index page, sent with 200 for any path outside the API (docs/gateway-behavior.md §4).</summary>
    public static CassetteResponse WebPage(string name, string requestId)
    {
        var headers = Headers(name, "text/html; charset=utf-8", requestId);
        headers["Cache-Control"] = "no-cache";
        return new CassetteResponse { Status = 200, Headers = headers, Body = IndexHtml.Value };
    }

    /// <summary>The headers the gateway writes on everything it answers, plus <c>X-Cassette</c> naming the default answer.</summary>
    public static Dictionary<string, string> Headers(string name, string contentType, string requestId) =>
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = contentType,
            ["X-New-Api-Version"] = Version,
            ["X-Oneapi-Request-Id"] = requestId,
            [DefaultAnswers.CassetteHeader] = name,
        };

    /// <summary>The headers of a streamed answer, which the gateway sets before the upstream replies.</summary>
    public static Dictionary<string, string> SseHeaders(string name, string requestId)
    {
        var headers = Headers(name, "text/event-stream", requestId);
        headers["Cache-Control"] = "no-cache";
        headers["X-Accel-Buffering"] = "no";
        return headers;
    }
}
