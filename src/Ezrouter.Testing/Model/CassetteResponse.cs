using System.Collections.Generic;
using System.Text.Json;

namespace Ezrouter.Testing;

/// <summary>
/// A response to replay. At most one of <see cref="Body"/>, <see cref="Json"/> and
/// <see cref="Frames"/> is set; none means an empty body.
/// </summary>
public sealed class CassetteResponse
{
    /// <summary>HTTP status code.</summary>
    public required int Status { get; init; }

    /// <summary>
    /// Response headers, written as given. <c>Content-Length</c>, <c>Transfer-Encoding</c> and
    /// <c>Connection</c> are ignored: the server computes them.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Milliseconds to wait before sending the status line and headers.</summary>
    public int DelayMs { get; init; }

    /// <summary>Raw body text, written verbatim as UTF-8 (use this when exact bytes matter).</summary>
    public string? Body { get; init; }

    /// <summary>A JSON body, written compactly as UTF-8 with minimal escaping.</summary>
    public JsonElement? Json { get; init; }

    /// <summary>A streamed body: each frame is written verbatim and flushed on its own, after its delay.</summary>
    public IReadOnlyList<CassetteFrame>? Frames { get; init; }

    /// <summary>How the response ends: a normal end, or a connection reset after the last byte.</summary>
    public CassetteEnd End { get; init; }
}
