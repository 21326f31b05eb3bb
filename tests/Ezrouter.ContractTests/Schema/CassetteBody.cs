namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// One JSON text a cassette sends back: a whole response body, one SSE <c>data:</c> payload, or a bare JSON line;
/// or a body that is skipped, with the reason.
/// </summary>
/// <param name="Where">Readable location for failure messages, e.g. <c>chat-stream-usage#0 event 3</c>.</param>
/// <param name="Method">The request method of the interaction.</param>
/// <param name="Path">The gateway path of the interaction.</param>
/// <param name="Status">The response status.</param>
/// <param name="Kind">What the text is.</param>
/// <param name="Text">The JSON text (empty when skipped).</param>
/// <param name="EventName">The SSE <c>event:</c> name of the payload, if the event had one.</param>
/// <param name="SkipReason">Why nothing is validated, for <see cref="CassetteBodyKind.Skipped"/>.</param>
public sealed record CassetteBody(
    string Where,
    string Method,
    string Path,
    int Status,
    CassetteBodyKind Kind,
    string Text,
    string? EventName = null,
    string? SkipReason = null);
