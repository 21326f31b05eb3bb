using System;
using System.Collections.Generic;

namespace Ezrouter.Testing;

/// <summary>
/// A request the gateway received, for assertions. Secret headers (<c>Authorization</c>,
/// <c>x-api-key</c>, cookies, and any name containing "key", "token" or "secret") read <c>REDACTED</c>.
/// </summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(
        string method,
        string path,
        string query,
        IReadOnlyDictionary<string, string> headers,
        string body,
        string? cassetteName,
        int? interactionIndex,
        DateTimeOffset receivedAt,
        int? status = null)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        CassetteName = cassetteName;
        InteractionIndex = interactionIndex;
        ReceivedAt = receivedAt;
        Status = status;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path, without the query string.</summary>
    public string Path { get; }

    /// <summary>The query string including its leading <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>Headers by case-insensitive name, secrets redacted; repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The request body as UTF-8 text (empty when there was none).</summary>
    public string Body { get; }

    /// <summary>The cassette that answered (replay) or was written (record mode); null when nothing matched.</summary>
    public string? CassetteName { get; }

    /// <summary>The index of the interaction that answered; null when nothing matched.</summary>
    public int? InteractionIndex { get; }

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>
    /// The status the recorded gateway answered with: the cassette's, 404 when nothing matched, 429 when a
    /// <see cref="RecordedGatewayOptions.Tier"/> refused the request. Null in record mode (the upstream answered).
    /// </summary>
    public int? Status { get; }
}
