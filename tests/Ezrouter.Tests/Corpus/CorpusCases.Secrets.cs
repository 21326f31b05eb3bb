using System.Net;
using System.Text;

namespace Ezrouter.Tests.Corpus;

public static partial class CorpusCases
{
    /// <summary>
    /// The API key echoed back in every header and body position the issue found (and a few more), on every call.
    /// Each ends in the subtype its status (or stream) decides, and the key is in no string of the exception: its
    /// text, <c>ToString()</c>, every <see cref="EzrouterErrorDetails"/> string, the headers, inner messages (the
    /// runner checks that on every case; here the key is actually there to leak).
    /// </summary>
    public static IEnumerable<CorpusCase> Secrets()
    {
        const string key = CorpusRunner.Key;
        var html = $"<html><head><title>502 Bad Gateway</title></head><body>upstream said: Bearer {key}</body></html>";
        foreach (var call in AllCalls)
        {
            var positions = new List<(string Name, Func<HttpResponseMessage> Respond, Expect Expect)>
            {
                ("request-id-header-on-html-502", () => Answer.Text(HttpStatusCode.BadGateway, "<html><body>bad gateway</body></html>", "text/html", ("X-Oneapi-Request-Id", key)),
                    Expect.Error<EzrouterUpstreamUnavailableException>()),
                ("request-id-header-on-empty-500", () => Answer.Text(HttpStatusCode.InternalServerError, string.Empty, "application/json", ("X-Oneapi-Request-Id", key)), Expect.AnyTyped()),
                ("request-id-header-on-json-401", () => Answer.Text(HttpStatusCode.Unauthorized, Envelope("invalid token", "new_api_error", "invalid_token"), "application/json", ("X-Oneapi-Request-Id", $"req-{key}")),
                    Expect.Error<EzrouterAuthenticationException>()),
                ("version-header-on-500", () => Answer.Text(HttpStatusCode.InternalServerError, Envelope("boom"), "application/json", ("X-New-Api-Version", key)), Expect.AnyTyped()),
                ("content-type-parameter-on-502", () => Answer.Text(HttpStatusCode.BadGateway, "<html>bad gateway</html>", $"text/html; token={key}"),
                    Expect.Error<EzrouterUpstreamUnavailableException>()),
                ("location-header-on-302", () => Answer.Text(HttpStatusCode.Found, string.Empty, "text/html", ("Location", $"https://{ElsewhereHost}/login?api_key={key}")),
                    Expect.AnyTyped(e => e.Message.Contains(ElsewhereHost, StringComparison.Ordinal) ? null : "the message does not name the Location host", "naming the Location host")),
                ("www-authenticate-on-401", () => Answer.Text(HttpStatusCode.Unauthorized, Envelope("no"), "application/json", ("WWW-Authenticate", $"Bearer realm=\"ezrouter\", token=\"{key}\"")),
                    Expect.Error<EzrouterAuthenticationException>()),
                ("retry-after-on-429", () => Answer.Text(HttpStatusCode.TooManyRequests, Envelope("slow"), "application/json", ("Retry-After", key)), Expect.Error<EzrouterRateLimitException>()),
                ("custom-header-on-500", () => Answer.Text(HttpStatusCode.InternalServerError, Envelope("boom"), "application/json", ("X-Debug-Authorization", $"Bearer {key}"), ("Set-Cookie", $"session={key}; Path=/")),
                    Expect.AnyTyped()),
                ("error-message-on-401", () => Answer.Text(HttpStatusCode.Unauthorized, Envelope($"invalid token {key}", "new_api_error", "invalid_token"), "application/json"),
                    Expect.Error<EzrouterAuthenticationException>()),
                ("error-message-bearer-on-400", () => Answer.Text(HttpStatusCode.BadRequest, Envelope($"header was Authorization: Bearer {key}", "invalid_request_error", "bad"), "application/json"),
                    Expect.Error<EzrouterInvalidRequestException>()),
                ("error-type-on-400", () => Answer.Text(HttpStatusCode.BadRequest, Envelope("bad", key, "bad"), "application/json"), Expect.Error<EzrouterInvalidRequestException>()),
                ("error-code-on-403", () => Answer.Text(HttpStatusCode.Forbidden, Envelope("denied", "new_api_error", key), "application/json"), Expect.Error<EzrouterPermissionException>()),
                ("error-param-on-400", () => Answer.Text(HttpStatusCode.BadRequest, Envelope("bad", "invalid_request_error", "bad", key), "application/json"), Expect.Error<EzrouterInvalidRequestException>()),
                ("anthropic-envelope-on-401", () => Answer.Text(HttpStatusCode.Unauthorized, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"x-api-key " + key + " is invalid\"}}", "application/json"),
                    Expect.Error<EzrouterAuthenticationException>()),
                ("html-body-on-502", () => Answer.Text(HttpStatusCode.BadGateway, html, "text/html"), Expect.Error<EzrouterUpstreamUnavailableException>()),
                ("text-body-on-500", () => Answer.Text(HttpStatusCode.InternalServerError, $"panic: bad key {key}", "text/plain"), Expect.AnyTyped()),
                ("key-across-the-raw-body-cut-on-500", () => Answer.Text(HttpStatusCode.InternalServerError,
                    "{\"error\":{\"message\":\"" + new string('x', EzrouterException.MaxRawBodyLength - 40) + key + "\",\"type\":\"corpus_error\",\"code\":\"big\"}}", "application/json"), Expect.AnyTyped()),
                ("key-at-190-in-error-message-on-400", () => Answer.Text(HttpStatusCode.BadRequest, Envelope(new string('x', 190) + key + new string('y', 100), "invalid_request_error", "bad"), "application/json"),
                    Expect.Error<EzrouterInvalidRequestException>()),
            };
            if (call == CorpusCall.ModelsList)
            {
                positions.Add(("error-envelope-on-200", () => Answer.Text(HttpStatusCode.OK, Envelope($"bad key {key}", "new_api_error", "invalid_token"), "application/json"), Expect.AnyTyped()));
                positions.Add(("malformed-json-on-200", () => Answer.Text(HttpStatusCode.OK, "{\"data\":[{\"id\":\"" + new string('m', 180) + key + "\"", "application/json", ("X-Oneapi-Request-Id", key)), Expect.Protocol()));
            }
            else
            {
                var anthropic = IsAnthropic(call);
                var good = anthropic ? Recorded.MessagesBody.Value : Recorded.ChatBody.Value;
                var cut = Encoding.UTF8.GetBytes(good)[..300];
                positions.Add(("request-id-header-on-truncated-stream", () => Answer.Bytes(HttpStatusCode.OK, cut, "text/event-stream", ("X-Oneapi-Request-Id", key)), Expect.Error<EzrouterStreamTruncatedException>()));
                var malformed = "data: {\"oops\":\"" + new string('z', 190) + key + "\n\n";
                positions.Add(("request-id-header-and-key-at-190-in-malformed-event", () => Answer.Text(HttpStatusCode.OK, malformed, "text/event-stream", ("X-Oneapi-Request-Id", key)), Expect.Protocol()));
                var errorFrame = anthropic
                    ? $"event: error\ndata: {{\"type\":\"error\",\"error\":{{\"type\":\"overloaded_error\",\"message\":\"upstream rejected {key}\"}}}}\n\n"
                    : $"data: {{\"error\":{{\"message\":\"upstream rejected Bearer {key}\",\"type\":\"upstream_error\",\"code\":\"bad\"}}}}\n\ndata: [DONE]\n\n";
                positions.Add(("mid-stream-error-frame", () => Answer.Text(HttpStatusCode.OK, errorFrame, "text/event-stream"), Expect.Error<EzrouterStreamException>()));
                var tailError = $"{{\"error\":{{\"message\":\"quota for {key} exhausted\",\"type\":\"new_api_error\",\"code\":\"insufficient_user_quota\"}}}}";
                positions.Add(("error-json-in-sse-body-without-data", () => Answer.Text(HttpStatusCode.OK, tailError, "text/event-stream"), Expect.Error<EzrouterStreamException>()));
            }
            foreach (var (name, respond, expect) in positions)
                yield return Case($"secret/{name}", call, respond, expect);
        }
    }
}
