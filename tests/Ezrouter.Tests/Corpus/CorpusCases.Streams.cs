using System.Net;
using System.Text;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Corpus;

public static partial class CorpusCases
{
    /// <summary>
    /// Both recorded streams cut at every byte offset (0 to the whole length), on the stream call and on the
    /// non-stream call that aggregates the SSE answer. The rule, from the readers and the SSE spec: chat completes
    /// when the <c>data: [DONE]</c> event has been dispatched (its blank line arrived) after a finish reason;
    /// Anthropic completes when <c>message_stop</c> has been dispatched (bytes after it are never needed). Any other
    /// cut is a truncation whose partial is the fold of the events dispatched before the cut (none: no partial);
    /// an event whose blank line did not arrive is discarded, never half-read.
    /// </summary>
    public static IEnumerable<CorpusCase> Truncation()
    {
        foreach (var (name, anthropic, body) in new[] { ("chat", false, Recorded.ChatBody.Value), ("messages", true, Recorded.MessagesBody.Value) })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var cut = 0; cut <= bytes.Length; cut++)
            {
                var piece = bytes[..cut];
                var expect = Recorded.AfterCut(anthropic, bytes, cut);
                foreach (var call in anthropic ? MessagesCalls : ChatCalls)
                {
                    var c = Case($"truncated/{name}/{cut:D4}", call, Sse(piece), expect);
                    // 64 cuts to a theory row: the ids stay per cut (KnownFailing, the report), the rows stay few.
                    yield return new CorpusCase { Id = c.Id, Call = call, Respond = c.Respond, Expect = expect, Group = $"truncated/{name}/{call}/from-{cut / 64 * 64:D4}" };
                }
            }
        }
    }

    private static readonly string[] Chunkings = [Delivery.WholeName, "1 byte per read", "random chunks (seed 1)", "random chunks (seed 2)"];

    private static Func<HttpResponseMessage> Chunked(byte[] body, string chunking) => () =>
        Answer.Content(HttpStatusCode.OK, new StreamContent(Delivery.Named(chunking).Stream(new MemoryStream(body))), "text/event-stream");

    private static string Eol(string body, string eol) => body.Replace("\r\n", "\n").Replace("\n", eol);

    /// <summary>
    /// Framing the SSE spec allows, each whole, one byte per read and in random chunks: LF, CRLF and lone-CR line
    /// endings; a UTF-8 BOM before the first byte; comment lines between and inside events, and a comment-only
    /// "event". Each completes with the recorded result.
    /// </summary>
    public static IEnumerable<CorpusCase> Framing()
    {
        foreach (var (name, anthropic, body) in new[] { ("chat", false, Recorded.ChatBody.Value), ("messages", true, Recorded.MessagesBody.Value) })
        {
            var calls = anthropic ? MessagesCalls : ChatCalls;
            var variants = new List<(string Variant, byte[] Bytes)>();
            foreach (var (eolName, eol) in new[] { ("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r") })
                variants.Add(($"eol-{eolName}", Encoding.UTF8.GetBytes(Eol(body, eol))));
            variants.Add(("bom", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)]));
            variants.Add(("bom-CRLF", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Eol(body, "\r\n"))]));
            var commented = ": welcome\n\n" + body.Replace("data: ", ": keep-alive\ndata: ").Replace("\n\n", "\n\n: ping\n\n") + ": bye\n";
            variants.Add(("comments", Encoding.UTF8.GetBytes(commented)));
            variants.Add(("comments-CRLF", Encoding.UTF8.GetBytes(Eol(commented, "\r\n"))));
            foreach (var (variant, bytes) in variants)
                foreach (var chunking in Chunkings)
                    foreach (var call in calls)
                        yield return Case($"framing/{name}/{variant}/{chunking.Replace(' ', '-')}", call, Chunked(bytes, chunking),
                            Recorded.CompletedWith(anthropic ? Recorded.MessagesAggregate.Value : Recorded.ChatAggregate.Value));
        }
    }

    private static readonly (string Name, byte[] Bytes)[] BadUtf8 =
    [
        ("FF", [0xFF]),
        ("lone-lead-C3", [0xC3, 0x28]),
        ("overlong-C0AF", [0xC0, 0xAF]),
        ("surrogate-EDA080", [0xED, 0xA0, 0x80]),
        ("above-10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("cut-E282", [0xE2, 0x82]),
    ];

    private static byte[] Splice(string text, string marker, byte[] insert)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"marker '{marker}' not in the body");
        var before = Encoding.UTF8.GetBytes(text[..at]);
        var after = Encoding.UTF8.GetBytes(text[at..]);
        return [.. before, .. insert, .. after];
    }

    /// <summary>
    /// Invalid UTF-8 inside a JSON string: in a recorded stream's text delta (both surfaces, stream and aggregated)
    /// and in each JSON answer (all five calls). A typed protocol error, never a silent replacement character.
    /// </summary>
    public static IEnumerable<CorpusCase> InvalidUtf8()
    {
        foreach (var (name, bytes) in BadUtf8)
        {
            var chat = Splice(Recorded.ChatBody.Value, ", 3\"", bytes);
            foreach (var call in ChatCalls) yield return Case($"utf8/sse/{name}", call, Sse(chat), Expect.Protocol());
            var messages = Splice(Recorded.MessagesBody.Value, "weather in Paris for you.", bytes);
            foreach (var call in MessagesCalls) yield return Case($"utf8/sse/{name}", call, Sse(messages), Expect.Protocol());
            foreach (var call in AllCalls)
            {
                var json = JsonAnswer(call);
                var marker = call == CorpusCall.ModelsList ? "gpt-5.2" : "there!";
                var body = Splice(json, marker, bytes);
                yield return Case($"utf8/json/{name}", call, () => Answer.Bytes(HttpStatusCode.OK, body, "application/json"), Expect.Protocol());
            }
        }
        // A lone surrogate escape in Anthropic tool input: valid UTF-8 JSON, but no string can hold it. A documented
        // tolerance (docs/gateway-behavior.md §21): it becomes U+FFFD and the arguments still parse.
        var surrogate = Recorded.MessagesBody.Value.Replace("\"partial_json\":\"ris, France", "\"partial_json\":\"ris, \\\\ud800France", StringComparison.Ordinal);
        var replaced = Recorded.MessagesAggregate.Value.Replace("\"location\":\"Paris, France\"", "\"location\":\"Paris, \\uFFFDFrance\"", StringComparison.Ordinal);
        foreach (var call in MessagesCalls) yield return Case("utf8/sse/tool-input-lone-surrogate", call, Sse(surrogate), Recorded.CompletedWith(replaced));
    }
}
