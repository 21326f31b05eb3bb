using System.Net;

namespace Ezrouter.Tests.Corpus;

public static partial class CorpusCases
{
    /// <summary>
    /// Plain-JSON answers (HTTP 200) that are not the call's JSON, on all five calls (a stream call takes a JSON
    /// answer too): empty, cut, trailing garbage, nesting past 64, an SSE body labelled JSON or unlabelled, a wrong
    /// content type, a root that is not an object, wrong-typed or unrepresentable numbers, an error envelope late in
    /// the body. Each a typed protocol error (or the error the envelope says), never a silent empty result.
    /// </summary>
    public static IEnumerable<CorpusCase> JsonBodies()
    {
        foreach (var call in AllCalls)
        {
            var json = JsonAnswer(call);
            var sse = call switch
            {
                CorpusCall.ChatComplete or CorpusCall.ChatStream => Recorded.ChatBody.Value,
                CorpusCall.MessagesCreate or CorpusCall.MessagesStream => Recorded.MessagesBody.Value,
                _ => "data: " + ModelsJson + "\n\n",
            };
            var nested = new string('[', 100) + new string(']', 100);
            var deep = json.Insert(1, $"\"deep\":{nested},");
            var created = call switch
            {
                CorpusCall.MessagesCreate or CorpusCall.MessagesStream => null,
                CorpusCall.ModelsList => "\"created\":1626777600,\"owned_by\":\"openai\"",
                _ => "\"created\":1795253440",
            };
            var lateError = "{\"id\":\"padding\",\"note\":\"" + new string('x', 300) + "\"," + Envelope("late error", "invalid_request_error", "late")[1..];
            var bodies = new List<(string Name, string? Body, string? ContentType, Expect Expect)>
            {
                ("empty", string.Empty, "application/json", Expect.Protocol()),
                ("whitespace", "  \n ", "application/json", Expect.Protocol()),
                ("cut-half", json[..(json.Length / 2)], "application/json", Expect.Protocol()),
                ("cut-last-brace", json[..^1], "application/json", Expect.Protocol()),
                ("trailing-garbage", json + "}garbage", "application/json", Expect.Protocol()),
                ("two-documents", json + json, "application/json", Expect.Protocol()),
                ("nesting-100", deep, "application/json", Expect.Protocol()),
                ("sse-labelled-json", sse, "application/json", Expect.Protocol()),
                ("sse-no-content-type", sse, null, Expect.Protocol()),
                // Valid JSON under another label is read as the answer: a documented tolerance (docs/gateway-behavior.md §21).
                ("text-plain", json, "text/plain", JsonResult(call)),
                ("octet-stream", json, "application/octet-stream", JsonResult(call)),
                ("problem-json", json, "application/problem+json", JsonResult(call)),
                ("json-no-content-type", json, null, JsonResult(call)),
                // Any other label is a protocol error (§21).
                ("image-png", json, "image/png", Expect.Protocol()),
                ("html-200", "<!doctype html><html><body>ezrouter</body></html>", "text/html", Expect.Protocol()),
                ("root-array", "[1,2,3]", "application/json", Expect.Protocol()),
                ("root-string", "\"hello\"", "application/json", Expect.Protocol()),
                ("root-number", "42", "application/json", Expect.Protocol()),
                ("root-null", "null", "application/json", Expect.Protocol()),
                ("late-error-envelope", lateError, "application/json", Expect.Error<EzrouterInvalidRequestException>()),
            };
            if (created is not null)
            {
                var createdValue = created.Split(',')[0];
                bodies.Add(("created-fraction", json.Replace(createdValue, "\"created\":1.5"), "application/json", Expect.Protocol("created")));
                bodies.Add(("created-1e400", json.Replace(createdValue, "\"created\":1e400"), "application/json", Expect.Protocol("created")));
                bodies.Add(("created-string", json.Replace(createdValue, "\"created\":\"yesterday\""), "application/json", Expect.Protocol("created")));
            }
            if (call == CorpusCall.ModelsList)
            {
                bodies.Add(("models-data-string", "{\"object\":\"list\",\"data\":\"none\"}", "application/json", Expect.Protocol("data")));
                bodies.Add(("models-data-object", "{\"object\":\"list\",\"data\":{}}", "application/json", Expect.Protocol("data")));
                bodies.Add(("models-entry-number", "{\"object\":\"list\",\"data\":[42]}", "application/json", Expect.Protocol("data")));
                bodies.Add(("models-id-number", "{\"object\":\"list\",\"data\":[{\"id\":7,\"object\":\"model\"}]}", "application/json", Expect.Protocol("id")));
            }
            if (call is CorpusCall.ChatComplete or CorpusCall.ChatStream)
            {
                bodies.Add(("choices-object", json.Replace("\"choices\":[", "\"choices\":{\"x\":[").Replace("}],\"usage\"", "}]},\"usage\""), "application/json", Expect.Protocol("choices")));
                bodies.Add(("content-number", json.Replace("\"content\":\"Hello there!\"", "\"content\":42"), "application/json", Expect.Protocol("content")));
            }
            if (call is CorpusCall.MessagesCreate or CorpusCall.MessagesStream)
            {
                bodies.Add(("content-string", json.Replace("\"content\":[{\"type\":\"text\",\"text\":\"Hello there!\"}]", "\"content\":\"Hello there!\""), "application/json", Expect.Protocol("content")));
                bodies.Add(("input-tokens-string", json.Replace("\"input_tokens\":5", "\"input_tokens\":\"five\""), "application/json", Expect.Protocol("input_tokens")));
            }
            // Controls: the JSON answer as it should be, with and without a charset.
            bodies.Add(("control", json, "application/json", JsonResult(call)));
            bodies.Add(("control-charset", json, "application/json; charset=utf-8", JsonResult(call)));
            foreach (var (name, body, contentType, expect) in bodies)
                yield return Case($"json/{name}", call, () => Answer.Text(HttpStatusCode.OK, body!, contentType), expect);
        }
    }

    /// <summary>
    /// SSE event data that is not an event of the call's shape, put in place of the second recorded event: not an
    /// object, or an object with a field of the wrong JSON type, or an Anthropic delta without its type. A typed
    /// protocol error naming the field, never an event silently skipped or a value dropped.
    /// </summary>
    public static IEnumerable<CorpusCase> EventData()
    {
        var chatEvents = Recorded.Frame(System.Text.Encoding.UTF8.GetBytes(Recorded.ChatBody.Value));
        var messageEvents = Recorded.Frame(System.Text.Encoding.UTF8.GetBytes(Recorded.MessagesBody.Value));
        var chatSecond = chatEvents[1].Data; // content "1, 2"
        var textDelta = messageEvents.First(e => e.Data.Contains("I'll check the current", StringComparison.Ordinal)).Data;

        string Chat(string replacement) => Recorded.ChatBody.Value.Replace("data: " + chatSecond + "\n", "data: " + replacement + "\n", StringComparison.Ordinal);
        string Messages(string replacement) => Recorded.MessagesBody.Value.Replace("data: " + textDelta + "\n", "data: " + replacement + "\n", StringComparison.Ordinal);

        foreach (var (name, data) in new[] { ("array", "[1,2,3]"), ("string", "\"hello\""), ("number", "42"), ("null", "null"), ("true", "true") })
        {
            foreach (var call in ChatCalls) yield return Case($"event/not-an-object/{name}", call, Sse(Chat(data)), Expect.Protocol());
            foreach (var call in MessagesCalls) yield return Case($"event/not-an-object/{name}", call, Sse(Messages(data)), Expect.Protocol());
        }

        var chatWrong = new (string Name, string Field, string Data)[]
        {
            ("content-number", "content", chatSecond.Replace("\"content\":\"1, 2\"", "\"content\":42")),
            ("content-array", "content", chatSecond.Replace("\"content\":\"1, 2\"", "\"content\":[\"1, 2\"]")),
            ("content-object", "content", chatSecond.Replace("\"content\":\"1, 2\"", "\"content\":{\"text\":\"1, 2\"}")),
            ("delta-string", "delta", chatSecond.Replace("\"delta\":{\"content\":\"1, 2\"}", "\"delta\":\"1, 2\"")),
            ("choices-object", "choices", chatSecond.Replace("\"choices\":[", "\"choices\":{\"0\":[").Replace("],\"usage\"", "]},\"usage\"")),
            ("index-string", "index", chatSecond.Replace("\"index\":0", "\"index\":\"0\"")),
            ("finish-reason-number", "finish_reason", chatSecond.Replace("\"finish_reason\":null", "\"finish_reason\":5")),
            ("created-fraction", "created", chatSecond.Replace("\"created\":1795253440", "\"created\":1.5")),
            ("created-1e400", "created", chatSecond.Replace("\"created\":1795253440", "\"created\":1e400")),
            ("usage-string", "usage", chatSecond.Replace("\"usage\":null", "\"usage\":\"none\"")),
            ("choice-number", "choices", chatSecond.Replace("\"choices\":[{", "\"choices\":[7,{")),
        };
        foreach (var (name, field, data) in chatWrong)
        {
            if (data == chatSecond) throw new InvalidOperationException($"event/wrong-type/{name}: the replacement did not apply");
            foreach (var call in ChatCalls) yield return Case($"event/wrong-type/{name}", call, Sse(Chat(data)), Expect.Protocol(field));
        }

        var messageWrong = new (string Name, string Field, string Data)[]
        {
            ("text-number", "text", textDelta.Replace("\"text\":\"I'll check the current \"", "\"text\":5")),
            ("delta-without-type", "type", textDelta.Replace("\"type\":\"text_delta\",", string.Empty)),
            ("delta-string", "delta", textDelta.Replace("{\"type\":\"text_delta\",\"text\":\"I'll check the current \"}", "\"I'll check the current \"")),
            ("index-string", "index", textDelta.Replace("\"index\":1", "\"index\":\"one\"")),
        };
        foreach (var (name, field, data) in messageWrong)
        {
            if (data == textDelta) throw new InvalidOperationException($"event/wrong-type/{name}: the replacement did not apply");
            foreach (var call in MessagesCalls) yield return Case($"event/wrong-type/{name}", call, Sse(Messages(data)), Expect.Protocol(field));
        }

        var stop = messageEvents.Single(e => e.Data.Contains("message_delta", StringComparison.Ordinal)).Data;
        foreach (var (name, field, data) in new[]
                 {
                     ("stop-reason-number", "stop_reason", stop.Replace("\"stop_reason\":\"tool_use\"", "\"stop_reason\":5")),
                     ("output-tokens-string", "output_tokens", stop.Replace("\"output_tokens\":187", "\"output_tokens\":\"many\"")),
                 })
        {
            var body = Recorded.MessagesBody.Value.Replace("data: " + stop + "\n", "data: " + data + "\n", StringComparison.Ordinal);
            foreach (var call in MessagesCalls) yield return Case($"event/wrong-type/{name}", call, Sse(body), Expect.Protocol(field));
        }
    }
}
