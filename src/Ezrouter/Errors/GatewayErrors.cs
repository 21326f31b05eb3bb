using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ezrouter;

/// <summary>
/// Reads the gateway's error bodies — both envelope shapes, the models list's <c>success:false</c>, HTML pages,
/// empty and cut-off bodies — into <see cref="EzrouterErrorDetails"/>, and picks the exception type.
/// Never throws: an unreadable body still becomes a typed exception with a clear message.
/// Classification uses the HTTP status, <c>error.code</c> and <c>error.type</c>; never the message text, which
/// the gateway writes in English or Chinese (docs/gateway-behavior.md §2).
/// </summary>
internal static class GatewayErrors
{
    public const string RequestIdHeader = "X-Oneapi-Request-Id";
    public const string VersionHeader = "X-New-Api-Version";

    // Gateway: every gateway message ends with " (request id: <id>)", twice when one gateway sits behind another.
    private static readonly Regex RequestIdSuffix = new(@"\s*\(request id: ([^)]*)\)", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static IDictionary<string, IEnumerable<string>> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers) headers[header.Key] = header.Value.ToArray();
        foreach (var header in response.Content.Headers) headers[header.Key] = header.Value.ToArray();
        return headers;
    }

    public static string? Header(IDictionary<string, IEnumerable<string>> headers, string name) =>
        headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Reads an error from a response body (possibly empty, HTML, or cut off).</summary>
    public static EzrouterErrorDetails Read(int status, ReadOnlySpan<byte> body, bool bodyTruncated, IDictionary<string, IEnumerable<string>> headers, string? secret, DateTimeOffset? now = null)
    {
        var contentType = Header(headers, "Content-Type");
        var raw = RawText(body, secret);

        var details = new EzrouterErrorDetails
        {
            StatusCode = status,
            ContentType = contentType,
            RawBody = raw,
            Headers = headers,
            GatewayVersion = Header(headers, VersionHeader),
            RequestId = Header(headers, RequestIdHeader),
            RetryAfter = ReadRetryAfter(headers, now ?? DateTimeOffset.UtcNow),
        };
        details = ReadEnvelope(details, body, secret) ?? details with { Summary = DescribeUnreadable(body, contentType, bodyTruncated) };
        return details;
    }

    /// <summary>Reads an error envelope; null when the bytes are not one (not JSON, or JSON without an error).</summary>
    public static EzrouterErrorDetails? ReadEnvelope(EzrouterErrorDetails details, ReadOnlySpan<byte> json, string? secret)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;

            string? type = null, code = null, param = null, message = null;
            ErrorTaxonomy taxonomy;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                type = Text(error, "type");
                code = Text(error, "code");
                param = Text(error, "param");
                message = Text(error, "message");
                var anthropicShape = Text(root, "type") == "error";
                taxonomy = type is "new_api_error" or "new_api_panic" ? ErrorTaxonomy.Gateway
                    : anthropicShape ? ErrorTaxonomy.Anthropic
                    : ErrorTaxonomy.Upstream;
            }
            else if (root.TryGetProperty("error", out error) && error.ValueKind == JsonValueKind.String)
            {
                message = error.GetString();
                taxonomy = ErrorTaxonomy.Upstream;
            }
            else if (root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
            {
                message = Text(root, "message");
                taxonomy = ErrorTaxonomy.Gateway;
            }
            else return null;

            var requestId = details.RequestId;
            if (message is not null)
            {
                // Gateway: each gateway appends its own suffix, so the last one is the id of the gateway we called,
                // the same id its X-Oneapi-Request-Id header carries.
                var suffixes = RequestIdSuffix.Matches(message);
                if (suffixes.Count > 0) requestId ??= suffixes[^1].Groups[1].Value;
                message = RequestIdSuffix.Replace(message, string.Empty);
            }
            // Every field can end up in the exception message; an upstream may echo the key into any of them.
            return details with
            {
                Taxonomy = taxonomy,
                ErrorType = Empty(Redact(type, secret)),
                ErrorCode = Empty(Redact(code, secret)),
                Param = Empty(Redact(param, secret)),
                GatewayMessage = Empty(Redact(message, secret)),
                RequestId = Redact(requestId, secret),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 cannot be read as text. Never throw.
            return null;
        }
    }

    /// <summary>The exception type for the details: by status, then code and type.</summary>
    public static EzrouterException Create(EzrouterErrorDetails d, Exception? inner = null)
    {
        var code = d.ErrorCode;
        var type = d.ErrorType;
        if (code == "model_not_found" || type == "model_not_found") return new EzrouterModelNotFoundException(d, inner);
        switch (d.StatusCode)
        {
            case 401: return new EzrouterAuthenticationException(d, inner);
            case 403 when code is "insufficient_user_quota" or "pre_consume_token_quota_failed": return new EzrouterInsufficientQuotaException(d, inner);
            case 403: return new EzrouterPermissionException(d, inner);
            case 413: return new EzrouterRequestTooLargeException(d, inner);
            case 429: return new EzrouterRateLimitException(d, inner);
            case 529: return new EzrouterOverloadedException(d, inner);
            case 400 or 404 or 422: return new EzrouterInvalidRequestException(d, inner);
            case 500 when code == "invalid_request": return new EzrouterInvalidRequestException(d, inner);
            case 500 when code == "do_request_failed": return new EzrouterUpstreamUnavailableException(d, inner);
            case 502 or 503 or 504 or 524: return new EzrouterUpstreamUnavailableException(d, inner);
        }
        return type switch
        {
            "overloaded_error" or "engine_overloaded_error" => new EzrouterOverloadedException(d, inner),
            "authentication_error" => new EzrouterAuthenticationException(d, inner),
            "permission_error" => new EzrouterPermissionException(d, inner),
            "rate_limit_error" => new EzrouterRateLimitException(d, inner),
            "request_too_large" => new EzrouterRequestTooLargeException(d, inner),
            "invalid_request_error" or "invalid_request" or "not_found_error" => new EzrouterInvalidRequestException(d, inner),
            "upstream_error" or "bad_response_status_code" when d.StatusCode >= 500 => new EzrouterUpstreamUnavailableException(d, inner),
            _ when d.Taxonomy == ErrorTaxonomy.Unknown && d.StatusCode == 200 => new EzrouterProtocolException(d, inner),
            _ => new EzrouterException(d, inner),
        };
    }

    /// <summary>The body as text for an exception: bounded to <see cref="EzrouterException.MaxRawBodyLength"/>, key redacted.</summary>
    public static string RawText(ReadOnlySpan<byte> body, string? secret)
    {
        var limit = EzrouterException.MaxRawBodyLength * 4;
        var raw = Redact(Encoding.UTF8.GetString(body.Length > limit ? body[..limit] : body), secret);
        return raw.Length > EzrouterException.MaxRawBodyLength ? raw[..EzrouterException.MaxRawBodyLength] : raw;
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text, string? secret) =>
        string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text) ? text : text.Replace(secret, "[REDACTED]");

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static TimeSpan? ReadRetryAfter(IDictionary<string, IEnumerable<string>> headers, DateTimeOffset now)
    {
        // Gateway: OpenAI-style upstreams send retry-after-ms, which HTTP does not define; it wins when readable.
        // Anything past a day (Infinity, 1e300) is not a wait anyone means: ignored, not an overflow.
        if (Header(headers, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && millis >= 0 && millis <= MaxWait.TotalMilliseconds)
            return TimeSpan.FromMilliseconds(millis);
        // Retry-After is HTTP's: the platform's parser (what HttpResponseHeaders.RetryAfter uses) reads both forms,
        // delta-seconds and an HTTP date, and refuses what does not fit (a number past int.MaxValue).
        if (Header(headers, "Retry-After") is not { } value || !RetryConditionHeaderValue.TryParse(value, out var retry)) return null;
        if (retry.Delta is { } delta) return delta <= MaxWait ? delta : null;
        var wait = retry.Date!.Value - now;
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait <= MaxWait ? wait : null;
    }

    /// <summary>The longest Retry-After taken as a wait; the retry policy caps what it actually waits far lower.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private static string DescribeUnreadable(ReadOnlySpan<byte> body, string? contentType, bool truncated)
    {
        if (body.IsEmpty) return truncated ? "the connection dropped before the error body arrived" : "the response body was empty";
        if (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || LooksLikeHtml(body))
            return $"the response was an HTML page ({contentType ?? "no Content-Type"}), typically a proxy's error page during a redeploy, or the gateway's web UI for an unknown path";
        return truncated
            ? $"the error body was cut off after {body.Length} bytes and is not readable JSON ({contentType ?? "no Content-Type"})"
            : $"the error body is not a JSON error envelope ({contentType ?? "no Content-Type"})";
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        return start.StartsWith("<"u8);
    }
}
