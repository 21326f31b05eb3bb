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

    /// <summary>The body, bounded and redacted.</summary>
    public string? RawBody { get; init; }

    /// <summary>The response's Content-Type, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>What went wrong when no envelope explains it (an HTML page, an empty body, a cut stream).</summary>
    public string? Summary { get; init; }

    /// <summary>The response headers (content headers included); never the request's, so never the API key.</summary>
    public IDictionary<string, IEnumerable<string>> Headers { get; init; } = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);

    internal string ToMessage()
    {
        var text = new StringBuilder();
        text.Append(StatusCode == 0 ? "ezrouter call failed" : $"ezrouter returned HTTP {StatusCode}");
        if (ErrorType is { Length: > 0 } || ErrorCode is { Length: > 0 })
            text.Append(" (").Append(ErrorType is { Length: > 0 } ? ErrorType : "?").Append(ErrorCode is { Length: > 0 } ? "/" + ErrorCode : string.Empty).Append(')');
        text.Append(": ").Append(GatewayMessage is { Length: > 0 } ? GatewayMessage : Summary ?? "no error details in the response");
        if (GatewayMessage is { Length: > 0 } && Summary is { Length: > 0 }) text.Append(" — ").Append(Summary);
        if (RequestId is { Length: > 0 }) text.Append(" [request id: ").Append(RequestId).Append(']');
        return text.ToString();
    }
}
