using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ezrouter.Http;

namespace Ezrouter;

/// <summary>
/// Reads the gateway's error bodies — both envelope shapes, an <c>error</c> that is a string, an upstream's own
/// shape under <c>msg</c> or <c>detail</c>, the models list's <c>success:false</c>, HTML pages, empty and cut-off
/// bodies — into <see cref="EzrouterErrorDetails"/>, with the key redacted from everything kept
/// (body, message, headers, request id, version, Content-Type) whatever the body was.
/// Never throws: an unreadable body still gives details with a clear summary. <see cref="ErrorClassifier"/> picks
/// the exception type from them (docs/gateway-behavior.md §2).
/// </summary>
internal static partial class ErrorBodyReader
{
    // Gateway: every gateway message ends with " (request id: <id>)", twice when one gateway sits behind another.
    // Source-generated: built with the assembly, not compiled at run time.
    [GeneratedRegex(@"\s*\(request id: ([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdSuffix();

    /// <summary>Reads an error from a response body (possibly empty, HTML, or cut off).</summary>
    public static EzrouterErrorDetails Read(int status, ReadOnlySpan<byte> body, bool bodyTruncated, IDictionary<string, IEnumerable<string>> headers, string? secret, DateTimeOffset? now = null)
    {
        var contentType = EzrouterHeaders.First(headers, "Content-Type");
        var raw = RawText(body, secret);

        var details = new EzrouterErrorDetails
        {
            StatusCode = status,
            ContentType = contentType,
            RawBody = raw,
            Headers = headers,
            GatewayVersion = EzrouterHeaders.First(headers, EzrouterHeaders.Version),
            RequestId = EzrouterHeaders.First(headers, EzrouterHeaders.RequestId),
            RetryAfter = ReadRetryAfter(headers, now ?? DateTimeOffset.UtcNow),
            RateLimit = EzrouterRateLimit.From(headers),
        };
        details = ReadEnvelope(details, body, secret) ?? details with { Summary = DescribeUnreadable(body, contentType, bodyTruncated) };
        if (status == 403) details = details with { Summary = DescribeForbidden(details, body, contentType) };
        // Whatever the body: the headers (request id, version, Content-Type, Location) can echo the key too (§1).
        return details.Redacted(secret);
    }

    /// <summary>Reads an error envelope; null when the bytes are not one (not JSON, or JSON without an error).</summary>
    public static EzrouterErrorDetails? ReadEnvelope(EzrouterErrorDetails details, ReadOnlySpan<byte> json, string? secret)
    {
        // Below 300 only an "error" or "success":false envelope counts: a successful answer that merely has such a
        // key (the models list's "success":true) is told apart by a walk over its top-level keys, not a whole parse.
        if (details.StatusCode < 300 && !EnvelopeProbe.HasEnvelopeKey(json)) return null;
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
                // Upstream: some providers put the text under msg or detail inside the object (§2).
                message = Empty(Text(error, "message")) ?? Empty(Text(error, "msg")) ?? DetailText(error);
                var anthropicShape = Text(root, "type") == "error";
                taxonomy = type is "new_api_error" or "new_api_panic" ? ErrorTaxonomy.Gateway
                    : anthropicShape ? ErrorTaxonomy.Anthropic
                    : ErrorTaxonomy.Upstream;
            }
            else if (root.TryGetProperty("error", out error) && error.ValueKind == JsonValueKind.String)
            {
                // Upstream: {"error":"…"}, with the code and type, if any, beside it (§2).
                message = error.GetString();
                type = Text(root, "type");
                code = Text(root, "code");
                taxonomy = ErrorTaxonomy.Upstream;
            }
            else if (root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
            {
                message = Text(root, "message");
                taxonomy = ErrorTaxonomy.Gateway;
            }
            else if (details.StatusCode >= 300 && UpstreamMessage(root) is { } upstreamMessage)
            {
                // Upstream: an error relayed in its provider's own shape, {"code":…,"msg":"…"} or FastAPI's
                // {"detail":"…"} / {"detail":[{"loc":…,"msg":"…"}]} (docs/gateway-behavior.md §2). Only on a failed
                // status: a successful body or a stream event with such a key is not an error.
                message = upstreamMessage;
                type = Text(root, "type");
                code = Text(root, "code") ?? Text(root, "error_code");
                taxonomy = ErrorTaxonomy.Upstream;
            }
            else return null;

            var requestId = details.RequestId;
            if (message is not null)
            {
                // Gateway: each gateway appends its own suffix, so the last one is the id of the gateway we called,
                // the same id its X-Oneapi-Request-Id header carries.
                var suffixes = RequestIdSuffix().Matches(message);
                if (suffixes.Count > 0) requestId ??= suffixes[^1].Groups[1].Value;
                message = RequestIdSuffix().Replace(message, string.Empty);
            }
            // Every field can end up in the exception message; an upstream may echo the key into any of them, and a
            // message may be huge (a 50 MB error frame): redacted, then cut (docs/gateway-behavior.md §1).
            return (details with
            {
                Taxonomy = taxonomy,
                ErrorType = Empty(type),
                ErrorCode = Empty(code),
                Param = Empty(param),
                GatewayMessage = Empty(message),
                RequestId = requestId,
            }).Redacted(secret);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 cannot be read as text. Never throw.
            return null;
        }
    }

    /// <summary>The body as text for an exception: bounded to <see cref="EzrouterException.MaxRawBodyLength"/>, key redacted.</summary>
    public static string RawText(ReadOnlySpan<byte> body, string? secret)
    {
        // Redact, then cut: cutting first could leave most of a key that straddles the limit. (The byte limit never
        // ends what is kept: 4 bytes per character at most decode to more characters than are kept.)
        var limit = EzrouterException.MaxRawBodyLength * 4;
        return SecretRedaction.RedactThenCut(Encoding.UTF8.GetString(body.Length > limit ? body[..limit] : body), secret, EzrouterException.MaxRawBodyLength);
    }

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

    /// <summary>The message of an upstream error in its provider's shape: <c>msg</c>, <c>detail</c>, <c>error_msg</c> or <c>err</c>, as new-api's relay reads them; null when none is there.</summary>
    private static string? UpstreamMessage(JsonElement root) =>
        Empty(Text(root, "msg")) ?? Empty(DetailText(root)) ?? Empty(Text(root, "error_msg")) ?? Empty(Text(root, "err"));

    /// <summary>
    /// <c>detail</c> as text: a string as it is; FastAPI's list of validation errors as their <c>msg</c> (or
    /// <c>message</c>) joined by "; ", each after its <c>loc</c> path when there is one; an object's <c>message</c> or <c>msg</c>.
    /// </summary>
    private static string? DetailText(JsonElement element)
    {
        if (!element.TryGetProperty("detail", out var detail)) return null;
        switch (detail.ValueKind)
        {
            case JsonValueKind.String:
                return detail.GetString();
            case JsonValueKind.Object:
                return Text(detail, "message") ?? Text(detail, "msg");
            case JsonValueKind.Array:
                var parts = new List<string>();
                foreach (var item in detail.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) { parts.Add(item.GetString()!); continue; }
                    if (item.ValueKind != JsonValueKind.Object || (Text(item, "msg") ?? Text(item, "message")) is not { } text) continue;
                    var at = item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                        ? string.Join('.', loc.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()))
                        : null;
                    parts.Add(string.IsNullOrEmpty(at) ? text : $"{at}: {text}");
                }
                return parts.Count == 0 ? null : string.Join("; ", parts);
            default:
                return null;
        }
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static TimeSpan? ReadRetryAfter(IDictionary<string, IEnumerable<string>> headers, DateTimeOffset now)
    {
        // Gateway: OpenAI-style upstreams send retry-after-ms, which HTTP does not define; it wins when readable.
        // Anything past a day (Infinity, 1e300) is not a wait anyone means: ignored, not an overflow.
        if (EzrouterHeaders.First(headers, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && millis >= 0 && millis <= MaxWait.TotalMilliseconds)
            return TimeSpan.FromMilliseconds(millis);
        // Retry-After is HTTP's: the platform's parser (what HttpResponseHeaders.RetryAfter uses) reads both forms,
        // delta-seconds and an HTTP date, and refuses what does not fit (a number past int.MaxValue).
        if (EzrouterHeaders.First(headers, "Retry-After") is not { } value || !RetryConditionHeaderValue.TryParse(value, out var retry)) return null;
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

    /// <summary>
    /// A 403 says what to do: an HTML page is a firewall in front of the gateway refusing the client (often for its
    /// User-Agent); a JSON refusal is the gateway's own (a blocked IP, lifted after some minutes, or a key without the
    /// right); a quota code keeps its own message.
    /// </summary>
    private static string? DescribeForbidden(EzrouterErrorDetails details, ReadOnlySpan<byte> body, string? contentType)
    {
        if (details.ErrorCode is "insufficient_user_quota" or "pre_consume_token_quota_failed") return details.Summary;
        if (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || LooksLikeHtml(body))
            return "a firewall in front of the gateway refused the request with an HTML page (a WAF such as Cloudflare's often refuses common SDK User-Agents): send a User-Agent of your own (EzrouterClientOptions.UserAgent) and retry";
        return "the gateway refused the request: if this IP was blocked after repeated failed authentications, the block lifts after about 5 minutes (fix the API key meanwhile); otherwise the key lacks access to this model or operation";
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        return start.StartsWith("<"u8);
    }
}
