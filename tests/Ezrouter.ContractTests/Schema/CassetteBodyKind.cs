namespace Ezrouter.ContractTests.Schema;

/// <summary>What a piece of a recorded response is, for choosing the schema it must match.</summary>
public enum CassetteBodyKind
{
    /// <summary>A whole response body that parses as JSON (whatever its Content-Type says).</summary>
    Json,

    /// <summary>The <c>data:</c> payload of one SSE event (<c>[DONE]</c> included; the checker skips it).</summary>
    SseData,

    /// <summary>A JSON object written into an SSE body without <c>data:</c> (the gateway's mid-stream error, docs/gateway-behavior.md §10).</summary>
    BareJsonLine,

    /// <summary>Not JSON (an HTML page, an empty body): nothing to validate; <see cref="CassetteBody.SkipReason"/> says why.</summary>
    Skipped,
}
