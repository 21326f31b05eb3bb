namespace Ezrouter.Tests.Errors;

/// <summary>
/// The exact shape of an exception's message and of <see cref="EzrouterException.ToString"/>: scripts and logs read
/// them, and the mutation run found each part unguarded (docs/mutation-testing.md).
/// </summary>
public sealed class ErrorMessageShapeTests
{
    private static string Message(EzrouterErrorDetails details) => new EzrouterException(details).Message;

    [Fact]
    public void NoResponseSaysTheCallFailed() =>
        Assert.Equal("ezrouter call failed: connection refused", Message(new() { Summary = "connection refused" }));

    [Fact]
    public void AStatusIsNamed() =>
        Assert.Equal("ezrouter returned HTTP 502: no error details in the response", Message(new() { StatusCode = 502 }));

    [Theory]
    [InlineData("invalid_request_error", "bad_param", "ezrouter returned HTTP 400 (invalid_request_error/bad_param): m")]
    [InlineData("invalid_request_error", null, "ezrouter returned HTTP 400 (invalid_request_error): m")]
    [InlineData("invalid_request_error", "", "ezrouter returned HTTP 400 (invalid_request_error): m")]
    [InlineData(null, "bad_param", "ezrouter returned HTTP 400 (?/bad_param): m")]
    [InlineData("", "bad_param", "ezrouter returned HTTP 400 (?/bad_param): m")]
    [InlineData(null, null, "ezrouter returned HTTP 400: m")]
    [InlineData("", "", "ezrouter returned HTTP 400: m")]
    public void TypeAndCodeShowWhenEitherIsSent(string? type, string? code, string expected) =>
        Assert.Equal(expected, Message(new() { StatusCode = 400, ErrorType = type, ErrorCode = code, GatewayMessage = "m" }));

    [Fact]
    public void TheGatewaysMessageComesFirstAndTheSummaryAfterIt() =>
        Assert.Equal("ezrouter returned HTTP 500: upstream said no — the body was cut off",
            Message(new() { StatusCode = 500, GatewayMessage = "upstream said no", Summary = "the body was cut off" }));

    [Fact]
    public void AnEmptyGatewayMessageGivesWayToTheSummary() =>
        Assert.Equal("ezrouter returned HTTP 500: an HTML page", Message(new() { StatusCode = 500, GatewayMessage = "", Summary = "an HTML page" }));

    [Fact]
    public void AnEmptySummaryAddsNothing() =>
        Assert.Equal("ezrouter returned HTTP 500: m", Message(new() { StatusCode = 500, GatewayMessage = "m", Summary = "" }));

    [Theory]
    [InlineData("req-1", "ezrouter returned HTTP 500: m [request id: req-1]")]
    [InlineData("", "ezrouter returned HTTP 500: m")]
    [InlineData(null, "ezrouter returned HTTP 500: m")]
    public void TheRequestIdEndsTheMessage(string? requestId, string expected) =>
        Assert.Equal(expected, Message(new() { StatusCode = 500, GatewayMessage = "m", RequestId = requestId }));

    [Fact]
    public void AMessageExactlyAtTheCapIsKeptWhole()
    {
        var text = new string('a', EzrouterException.MaxMessageLength);
        Assert.Equal(text, EzrouterErrorDetails.Capped(text, null));
    }

    [Fact]
    public void AMessageOneOverTheCapIsCutAndMarked()
    {
        var capped = EzrouterErrorDetails.Capped(new string('a', EzrouterException.MaxMessageLength + 1), null);
        Assert.True(capped.Length <= EzrouterException.MaxMessageLength, $"{capped.Length} characters");
        Assert.Contains("[cut:", capped, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePublicConstructorRedactsTheKeyOfALiveClient()
    {
        const string key = "sk-shape-test-0123456789abcdef";
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = key, BaseUrl = new Uri("http://127.0.0.1:9") });
        var e = new EzrouterException(new EzrouterErrorDetails { StatusCode = 401, GatewayMessage = $"bad key {key}" });
        Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, e.Details.GatewayMessage!, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringWithoutInnerOrStackIsTypeAndMessage()
    {
        var e = new EzrouterServerException(new EzrouterErrorDetails { StatusCode = 500, GatewayMessage = "m" });
        Assert.Equal("Ezrouter.EzrouterServerException: ezrouter returned HTTP 500: m", e.ToString());
    }

    [Fact]
    public void ToStringNamesTheInnerExceptionAndRedactsItsMessage()
    {
        const string key = "sk-inner-test-0123456789abcdef";
        var inner = new InvalidOperationException($"header line Authorization: Bearer {key}");
        var e = new EzrouterConnectionException(new EzrouterErrorDetails { Summary = "dropped" }, inner);
        var text = e.ToString();
        Assert.StartsWith("Ezrouter.EzrouterConnectionException: ezrouter call failed: dropped ---> System.InvalidOperationException: header line", text, StringComparison.Ordinal);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringOfAThrownExceptionEndsWithItsStackTrace()
    {
        EzrouterException caught;
        try { throw new EzrouterServerException(new EzrouterErrorDetails { StatusCode = 500, GatewayMessage = "m" }); }
        catch (EzrouterException e) { caught = e; }
        var lines = caught.ToString().Split(Environment.NewLine);
        Assert.Equal("Ezrouter.EzrouterServerException: ezrouter returned HTTP 500: m", lines[0]);
        Assert.Contains(nameof(ToStringOfAThrownExceptionEndsWithItsStackTrace), lines[1], StringComparison.Ordinal);
    }
}
