using System.Globalization;
using System.Net;

namespace Ezrouter.Tests.Corpus;

public static partial class CorpusCases
{
    public const string ElsewhereHost = "elsewhere.example";

    /// <summary>The subtype the status alone decides (ErrorClassifier's table); null where the issue only says "a typed subtype".</summary>
    private static Type? SubtypeFor(int status) => status switch
    {
        401 => typeof(EzrouterAuthenticationException),
        403 => typeof(EzrouterPermissionException),
        413 => typeof(EzrouterRequestTooLargeException),
        429 => typeof(EzrouterRateLimitException),
        529 => typeof(EzrouterOverloadedException),
        400 or 404 or 422 => typeof(EzrouterInvalidRequestException),
        502 or 503 or 504 or 524 => typeof(EzrouterUpstreamUnavailableException),
        _ => null,
    };

    private static Expect.Typed ForStatus(int status, Func<EzrouterException, string?>? extra = null, string? what = null) =>
        SubtypeFor(status) is { } type ? new Expect.Typed([type], extra, what) : Expect.AnyTyped(extra, what);

    private static string? StatusIs(EzrouterException e, int status) => e.StatusCode == status ? null : $"StatusCode {e.StatusCode}, not {status}";

    /// <summary>
    /// Every status from 100 to 599 on every call, each with a JSON error envelope (and a <c>Location</c> on a
    /// 3xx). A typed subtype that says what happened, never the bare base; the status on it; a 3xx names the
    /// <c>Location</c> host. A 200 with an error envelope is an error too.
    /// </summary>
    public static IEnumerable<CorpusCase> StatusCodes()
    {
        for (var status = 100; status <= 599; status++)
        {
            var s = status;
            var redirect = s is >= 300 and < 400;
            Func<EzrouterException, string?> extra = redirect
                ? e => StatusIs(e, s) ?? (e.Message.Contains(ElsewhereHost, StringComparison.Ordinal) ? null : $"the message does not name the Location host {ElsewhereHost}")
                : e => StatusIs(e, s);
            var expect = ForStatus(s, extra, redirect ? $"StatusCode {s}, naming the Location host" : $"StatusCode {s}");
            foreach (var call in AllCalls)
            {
                var c = Case($"status/{s}", call, () => redirect
                    ? Answer.Text((HttpStatusCode)s, Envelope($"corpus status {s}"), "application/json", ("Location", $"https://{ElsewhereHost}/v1/moved"))
                    : Answer.Text((HttpStatusCode)s, Envelope($"corpus status {s}"), "application/json"), expect);
                // A theory row per status class and call (the ids stay per status).
                yield return new CorpusCase { Id = c.Id, Call = call, Respond = c.Respond, Expect = expect, Group = $"status/{s / 100}xx/{call}" };
            }
        }
    }

    /// <summary>
    /// Every form of <c>Retry-After</c> (and the gateway's <c>retry-after-ms</c>) on a 429 and a 503: the status's
    /// subtype, with <see cref="EzrouterException.RetryAfter"/> read where the value is a wait and null (or a sane
    /// bounded wait) where it is not — never an overflow.
    /// </summary>
    public static IEnumerable<CorpusCase> RetryAfter()
    {
        var forms = new (string Name, string Header, Func<string> Value, TimeSpan? Exact, bool NullOrZero)[]
        {
            ("delta-120", "Retry-After", () => "120", TimeSpan.FromSeconds(120), false),
            ("delta-0", "Retry-After", () => "0", TimeSpan.Zero, false),
            ("date-future", "Retry-After", () => DateTimeOffset.UtcNow.AddSeconds(90).ToString("r", CultureInfo.InvariantCulture), null, false),
            ("date-past", "Retry-After", () => DateTimeOffset.UtcNow.AddHours(-1).ToString("r", CultureInfo.InvariantCulture), null, true),
            ("date-garbled", "Retry-After", () => "Mon, 99 Foo 2026 25:61:61 GMT", null, true),
            ("infinity", "Retry-After", () => "Infinity", null, true),
            ("1e300", "Retry-After", () => "1e300", null, true),
            ("20-digits", "Retry-After", () => "99999999999999999999", null, true),
            ("negative", "Retry-After", () => "-5", null, true),
            ("fraction", "Retry-After", () => "1.5", null, true),
            ("garbage", "Retry-After", () => "soon-ish", null, true),
            ("empty", "Retry-After", () => string.Empty, null, true),
            ("ms-1500", "retry-after-ms", () => "1500", TimeSpan.FromMilliseconds(1500), false),
            ("ms-infinity", "retry-after-ms", () => "Infinity", null, true),
            ("ms-1e300", "retry-after-ms", () => "1e300", null, true),
            ("ms-20-digits", "retry-after-ms", () => "99999999999999999999", null, true),
            ("ms-negative", "retry-after-ms", () => "-1", null, true),
            ("ms-nan", "retry-after-ms", () => "NaN", null, true),
            ("ms-garbage", "retry-after-ms", () => "later", null, true),
        };
        foreach (var status in new[] { 429, 503 })
        {
            foreach (var form in forms)
            {
                Func<EzrouterException, string?> check = e =>
                {
                    var wait = e.RetryAfter;
                    if (form.Exact is { } exact) return wait == exact ? null : $"RetryAfter {wait?.ToString() ?? "null"}, not {exact}";
                    if (form.NullOrZero) return wait is null || wait == TimeSpan.Zero ? null : $"RetryAfter {wait}, not null (the value is no wait)";
                    return wait is { } w && w > TimeSpan.FromSeconds(30) && w <= TimeSpan.FromSeconds(90) ? null : $"RetryAfter {wait?.ToString() ?? "null"}, not about 90 s";
                };
                var what = form.Exact is { } x ? $"RetryAfter {x}" : form.NullOrZero ? "RetryAfter null" : "RetryAfter about 90 s";
                foreach (var call in AllCalls)
                    yield return Case($"retry-after/{status}/{form.Name}", call,
                        () => Answer.Text((HttpStatusCode)status, Envelope("slow down", "rate_limit_error", "rate_limited"), "application/json", (form.Header, form.Value())),
                        ForStatus(status, check, what));
            }
        }
    }
}
