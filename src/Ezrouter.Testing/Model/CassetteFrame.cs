namespace Ezrouter.Testing;

/// <summary>One chunk of a streamed response, typically one SSE event including its trailing blank line(s).</summary>
public sealed class CassetteFrame
{
    /// <summary>The exact text of the chunk, written verbatim as UTF-8.</summary>
    public required string Data { get; init; }

    /// <summary>Milliseconds to wait, after the previous frame (or the headers), before writing this frame.</summary>
    public int DelayMs { get; init; }
}
