using System.Globalization;
using System.Text;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// What <see cref="ErrorBodyReader"/> says of a body it cannot read as an envelope (empty, dropped, HTML, cut off,
/// mislabelled), of a 403, and how it reads <c>Retry-After</c> / <c>retry-after-ms</c> at the one-day bound.
/// </summary>
public sealed class ErrorSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static EzrouterErrorDetails Read(int status, string body, string? contentType, bool truncated = false, params (string Name, string Value)[] more)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        if (contentType is not null) headers["Content-Type"] = [contentType];
        foreach (var (name, value) in more) headers[name] = [value];
        return ErrorBodyReader.Read(status, Encoding.UTF8.GetBytes(body), truncated, headers, secret: null, Now);
    }

    [Fact]
    public void TheContentTypeIsKeptAndNamedInTheSummary()
    {
        var details = Read(500, "oops", "text/plain");

        Assert.Equal("text/plain", details.ContentType);
        Assert.Equal("the error body is not a JSON error envelope (text/plain)", details.Summary);
    }

    [Fact]
    public void ACutOffBodyNamesItsLengthAndContentType() =>
        Assert.Equal("the error body was cut off after 9 bytes and is not readable JSON (application/json)",
            Read(502, "{\"error\":", "application/json", truncated: true).Summary);

    [Fact]
    public void AnEmptyBodyTellsADroppedConnectionFromAnEmptyAnswer()
    {
        Assert.Equal("the connection dropped before the error body arrived", Read(502, "", null, truncated: true).Summary);
        Assert.Equal("the response body was empty", Read(502, "", null).Summary);
    }

    [Fact]
    public void AnHtmlPageNamesItsContentType()
    {
        var summary = Read(502, "<html><body>Bad Gateway</body></html>", "text/html; charset=utf-8").Summary;

        Assert.StartsWith("the response was an HTML page (text/html; charset=utf-8), typically a proxy's error page", summary);
    }

    [Theory]
    [InlineData("Forbidden", "text/html")]
    [InlineData("  <html>Forbidden</html>", null)]
    public void A403HtmlPageByLabelOrByLookIsAFirewall(string body, string? contentType) =>
        Assert.StartsWith("a firewall in front of the gateway refused the request with an HTML page", Read(403, body, contentType).Summary);

    [Fact]
    public void A403JsonRefusalIsTheGatewaysOwn() =>
        Assert.StartsWith("the gateway refused the request: if this IP was blocked",
            Read(403, """{"error":{"message":"no access","type":"new_api_error"}}""", "application/json").Summary);

    [Theory]
    [InlineData("insufficient_user_quota")]
    [InlineData("pre_consume_token_quota_failed")]
    public void A403QuotaCodeKeepsTheGatewaysMessageAlone(string code)
    {
        var details = Read(403, """{"error":{"message":"quota used up","type":"new_api_error","code":"CODE"}}""".Replace("CODE", code), "application/json");

        Assert.Null(details.Summary);
        Assert.Equal("quota used up", details.GatewayMessage);
    }

    [Fact]
    public void RetryAfterMsOfExactlyADayIsAWait() =>
        Assert.Equal(TimeSpan.FromDays(1), Read(429, "", null, more: ("retry-after-ms", "86400000")).RetryAfter);

    [Fact]
    public void RetryAfterMsPastADayIsIgnored() =>
        Assert.Null(Read(429, "", null, more: ("retry-after-ms", "86400001")).RetryAfter);

    [Fact]
    public void ARetryDateExactlyADayAwayIsAWait() =>
        Assert.Equal(TimeSpan.FromDays(1), Read(503, "", null, more: ("Retry-After", Now.AddDays(1).ToString("R", CultureInfo.InvariantCulture))).RetryAfter);

    [Fact]
    public void ARetryDateInThePastIsNoWait() =>
        Assert.Equal(TimeSpan.Zero, Read(503, "", null, more: ("Retry-After", Now.AddMinutes(-5).ToString("R", CultureInfo.InvariantCulture))).RetryAfter);
}
