using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter;

/// <summary>The details of one failed call, as read off the response (or the stream) without throwing.</summary>
public sealed record EzrouterErrorDetails
{
    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int StatusCode { get; init; }

    /// <summary>Which error vocabulary the body used.</summary>
    public ErrorTaxonomy Taxonomy { get; init; }

    /// <summary><c>error.type</c> as sent.</summary>
    public string? ErrorType { get; init; }

    /// <summary><c>error.code</c> as text.</summary>
    public string? ErrorCode { get; init; }

    /// <summary><c>error.param</c>.</summary>
    public string? Param { get; init; }

    /// <summary>The message without request-id suffixes.</summary>
    public string? GatewayMessage { get; init; }

    /// <summary>The gateway's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The gateway build.</summary>
    public string? GatewayVersion { get; init; }

    /// <summary>The server's requested wait before a retry.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The rate limits the gateway reported on the failed response; null when it sent none.</summary>
    public EzrouterRateLimit? RateLimit { get; init; }

    /// <summary>The body, bounded and redacted.</summary>
    public string? RawBody { get; init; }

    /// <summary>The response's Content-Type, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>What went wrong when no envelope explains it (an HTML page, an empty body, a cut stream).</summary>
    public string? Summary { get; init; }

    /// <summary>
    /// The response headers (content headers included), never the request's; on an exception, every value has the
    /// API key and any <c>Bearer</c>/<c>x-api-key</c> secret redacted, since a proxy may echo them back.
    /// </summary>
    public IDictionary<string, IEnumerable<string>> Headers { get; init; } = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A copy with the key (<paramref name="secret"/>, every tracked key, any <c>Bearer</c>/<c>x-api-key</c> shaped
    /// secret) redacted from every string and header value, then each text cut to
    /// <see cref="EzrouterException.MaxMessageLength"/>: whatever the body was, nothing kept can show the key
    /// (docs/gateway-behavior.md §1). Redacting twice changes nothing, so each step on the way may call it.
    /// </summary>
    internal EzrouterErrorDetails Redacted(string? secret) => this with
    {
        ErrorType = Kept(ErrorType, secret),
        ErrorCode = Kept(ErrorCode, secret),
        Param = Kept(Param, secret),
        GatewayMessage = Kept(GatewayMessage, secret),
        RequestId = Kept(RequestId, secret),
        GatewayVersion = Kept(GatewayVersion, secret),
        ContentType = Kept(ContentType, secret),
        Summary = Kept(Summary, secret),
        RateLimit = RateLimit is null ? null : RateLimit with { Tier = Kept(RateLimit.Tier, secret) },
        // Already bounded by the reader; redacted again here for details built elsewhere (a caller's, a handler's).
        RawBody = RawBody is null ? null : SecretRedaction.RedactThenCut(RawBody, secret, EzrouterException.MaxRawBodyLength),
        Headers = SecretRedaction.Redact(Headers, secret),
    };

    private static string? Kept(string? text, string? secret) => text is null ? null : Capped(text, secret);

    /// <summary>Redacted, then at most <see cref="EzrouterException.MaxMessageLength"/> characters, cut mark included.</summary>
    internal static string Capped(string text, string? secret)
    {
        var redacted = SecretRedaction.Redact(text, secret);
        if (redacted.Length <= EzrouterException.MaxMessageLength) return redacted;
        // Room for the mark, so the result fits the cap and a second pass leaves it as it is.
        var kept = SecretRedaction.Cut(redacted, EzrouterException.MaxMessageLength - CutMarkRoom, secret);
        return kept + SecretRedaction.CutMark(redacted.Length - kept.Length);
    }

    private const int CutMarkRoom = 64;

    internal string ToMessage()
    {
        var text = new StringBuilder();
        text.Append(StatusCode == 0 ? "ezrouter call failed" : $"ezrouter returned HTTP {StatusCode}");
        if (ErrorType is { Length: > 0 } || ErrorCode is { Length: > 0 })
            text.Append(" (").Append(ErrorType is { Length: > 0 } ? ErrorType : "?").Append(ErrorCode is { Length: > 0 } ? "/" + ErrorCode : string.Empty).Append(')');
        text.Append(": ").Append(GatewayMessage is { Length: > 0 } ? GatewayMessage : Summary ?? "no error details in the response");
        if (GatewayMessage is { Length: > 0 } && Summary is { Length: > 0 }) text.Append(" — ").Append(Summary);
        if (RequestId is { Length: > 0 }) text.Append(" [request id: ").Append(RequestId).Append(']');
        // Each part is capped already, but together they could pass the cap.
        return Capped(text.ToString(), null);
    }
}
