using System.Collections.Generic;
using System.Text.Json;

namespace Ezrouter.Testing;

/// <summary>
/// A request matcher. Method and path must be equal (ordinal; the query string is ignored); every
/// <see cref="Body"/> and <see cref="Headers"/> entry must match too. Each entry counts one point of
/// specificity: the most specific matching cassette wins.
/// </summary>
public sealed class CassetteRequest
{
    /// <summary>HTTP method, e.g. <c>POST</c>, compared case-insensitively.</summary>
    public required string Method { get; init; }

    /// <summary>Absolute path, e.g. <c>/v1/chat/completions</c>, compared ordinally.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Dotted paths into the JSON request body (<c>model</c>, <c>messages.0.content</c>; a negative
    /// index counts from the end, <c>messages.-1.content</c>) and the JSON value expected there.
    /// A missing path matches <c>null</c>; a missing <c>stream</c> also matches <c>false</c>.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Body { get; init; }

    /// <summary>
    /// Request headers and their expected values, compared case-insensitively. <c>"*"</c> means
    /// "present with any value"; <c>null</c> means "absent".
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Headers { get; init; }
}
