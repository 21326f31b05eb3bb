using System.IO.Compression;
using System.Text;

namespace Ezrouter.Tests.Corpus;

public static partial class CorpusCases
{
    private static string Path(CorpusCall call) => call switch
    {
        CorpusCall.MessagesCreate or CorpusCall.MessagesStream => "/anthropic/v1/messages",
        CorpusCall.ModelsList => "/v1/models",
        _ => "/v1/chat/completions",
    };

    private static CorpusCase Raw(string id, CorpusCall call, Func<Uri?, RawAnswer> raw, Expect expect, RawAnswer? second = null, bool callerTransport = false) =>
        new() { Id = $"{id}/{call}", Call = call, Raw = raw, Expect = expect, Second = second, CallerTransport = callerTransport };

    private static byte[] Encode(string encoding, byte[] body)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
               {
                   "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
                   "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
                   "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
                   _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
               })
            compressor.Write(body);
        return output.ToArray();
    }

    /// <summary>
    /// Over a real socket, through the SDK's own transport: content encodings the SDK did not ask for (plain bytes
    /// labelled gzip/deflate/br, corrupt compressed bytes, and validly compressed bytes), bodies shorter than their
    /// <c>Content-Length</c> ended by FIN or RST, and 3xx redirects to another host through a caller's transport
    /// that follows them (the key must not reach the other host).
    /// </summary>
    public static IEnumerable<CorpusCase> LoopbackCases()
    {
        foreach (var call in AllCalls)
        {
            var (body, contentType) = GoodAnswer(call);
            var plain = Encoding.UTF8.GetBytes(body);
            foreach (var encoding in new[] { "gzip", "deflate", "br" })
            {
                var valid = Encode(encoding, plain);
                var corrupt = valid.ToArray();
                for (var i = Math.Min(10, corrupt.Length / 2); i < corrupt.Length; i += 7) corrupt[i] ^= 0x5A;
                foreach (var (variant, bytes) in new[] { ("plain-bytes", plain), ("corrupt", corrupt), ("valid", valid) })
                {
                    var raw = Answer.Raw(200, "OK", [("Content-Type", contentType), ("Content-Encoding", encoding), ("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], bytes);
                    yield return Raw($"encoding/{encoding}/{variant}", call, _ => new RawAnswer(raw), Expect.AnyTyped());
                }
            }
            var identity = Answer.Raw(200, "OK", [("Content-Type", contentType), ("Content-Encoding", "identity"), ("Content-Length", plain.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], plain);
            yield return Raw("encoding/identity/plain-bytes", call, _ => new RawAnswer(identity), GoodResult(call));
            var control = Answer.Raw(200, "OK", [("Content-Type", contentType), ("Content-Length", plain.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], plain);
            yield return Raw("loopback-control", call, _ => new RawAnswer(control), GoodResult(call));
        }

        // The key in what only a raw socket can send: an invalid header line (HttpClient quotes it in its exception's
        // message), and the reason phrase of the status line.
        foreach (var call in AllCalls)
        {
            var error = Encoding.UTF8.GetBytes(Envelope("boom"));
            var length = error.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            byte[] invalidLine = [.. Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nBad Header Line {CorpusRunner.Key}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"), .. error];
            yield return Raw("secret/invalid-header-line", call, _ => new RawAnswer(invalidLine), Expect.AnyTyped());
            var reason = Answer.Raw(500, $"Bad key {CorpusRunner.Key}", [("Content-Type", "application/json"), ("Content-Length", length)], error);
            yield return Raw("secret/status-reason-phrase-on-500", call, _ => new RawAnswer(reason), Expect.AnyTyped());
        }

        // A body shorter than its Content-Length, then FIN or RST.
        foreach (var reset in new[] { false, true })
        {
            var end = reset ? "rst" : "fin";
            foreach (var call in AllCalls)
            {
                if (!IsStream(call))
                {
                    var json = Encoding.UTF8.GetBytes(JsonAnswer(call));
                    yield return Raw($"short-body/{end}/json-200", call, _ => new RawAnswer(Short(200, "OK", "application/json", json), reset), Expect.AnyTyped());
                }
                var error = Encoding.UTF8.GetBytes(Envelope("upstream failed"));
                yield return Raw($"short-body/{end}/json-500", call, _ => new RawAnswer(Short(500, "Internal Server Error", "application/json", error), reset), Expect.AnyTyped());
                if (call == CorpusCall.ModelsList) continue;
                var anthropic = IsAnthropic(call);
                var sse = Encoding.UTF8.GetBytes(anthropic ? Recorded.MessagesBody.Value : Recorded.ChatBody.Value);
                var events = Recorded.Frame(sse);
                var cutAt = events[2].End + (events[3].End - events[2].End) / 2;
                var expect = Recorded.AfterCut(anthropic, sse, cutAt);
                var head = Answer.Raw(200, "OK", [("Content-Type", "text/event-stream"), ("Content-Length", sse.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], []);
                byte[] answer = [.. head, .. sse[..cutAt]];
                yield return Raw($"short-body/{end}/sse-200", call, _ => new RawAnswer(answer, reset), expect);
                // No Content-Length at all (read to close), cut the same way and reset: a dropped connection.
                if (reset)
                {
                    byte[] unframed = [.. Answer.Raw(200, "OK", [("Content-Type", "text/event-stream")], []), .. sse[..cutAt]];
                    yield return Raw("reset-mid-stream/no-content-length", call, _ => new RawAnswer(unframed, true), expect);
                }
            }
        }

        // Redirects to another host through a caller's transport that follows them.
        foreach (var (status, reason) in new[] { (301, "Moved Permanently"), (302, "Found"), (303, "See Other"), (307, "Temporary Redirect"), (308, "Permanent Redirect") })
        {
            foreach (var call in AllCalls)
            {
                var path = Path(call);
                var denied = Encoding.UTF8.GetBytes(Envelope("no key", "new_api_error", "invalid_token"));
                var second = new RawAnswer(Answer.Raw(401, "Unauthorized", [("Content-Type", "application/json"), ("Content-Length", denied.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], denied));
                yield return Raw($"redirect/{status}", call,
                    // Another host: "localhost" where the client was given 127.0.0.1 (and another port).
                    other => new RawAnswer(Answer.Raw(status, reason, [("Location", $"http://localhost:{other!.Port}{path}"), ("Content-Length", "0")], [])),
                    Expect.AnyTyped(), second, callerTransport: true);
            }
        }
    }

    private static byte[] Short(int status, string reason, string contentType, byte[] body) =>
        [.. Answer.Raw(status, reason, [("Content-Type", contentType), ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], []), .. body[..(body.Length / 2)]];
}
