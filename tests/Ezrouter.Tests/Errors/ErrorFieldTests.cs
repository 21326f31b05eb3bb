using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Errors;

/// <summary>The fields of <see cref="EzrouterException"/>, each read off the response the way the gateway writes it.</summary>
public sealed class ErrorFieldTests
{
    [Fact]
    public async Task StringCodeIsKeptAsSent()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(503, """{"error":{"message":"m","type":"new_api_error","code":"model_not_found"}}""");

        // Assert
        Assert.Equal("model_not_found", error.ErrorCode);
    }

    [Fact]
    public async Task NumericCodeIsKeptAsText()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(400, """{"error":{"message":"m","type":"upstream_error","code":1234}}""");

        // Assert
        Assert.Equal("1234", error.ErrorCode);
    }

    [Fact]
    public async Task NullCodeIsNull()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(400, """{"error":{"message":"m","type":"invalid_request_error","code":null}}""");

        // Assert
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task EmptyCodeIsNull()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(401, """{"error":{"message":"m","type":"new_api_error","code":""}}""");

        // Assert
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task ParamIsReadWhenTheUpstreamNamesOne()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(400, """{"error":{"message":"Invalid value","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""");

        // Assert
        Assert.Equal("temperature", error.Param);
    }

    [Fact]
    public async Task EmptyParamOfARelayStageErrorIsNull()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(500, """{"error":{"message":"m (request id: r)","type":"new_api_error","param":"","code":"invalid_request"}}""");

        // Assert
        Assert.Null(error.Param);
    }

    [Fact]
    public async Task RequestIdHeaderWinsOverTheMessageSuffix()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(503, """{"error":{"message":"no channel (request id: from-suffix)","type":"new_api_error","code":"model_not_found"}}""", requestIdHeader: "20261121from-header");

        // Assert
        Assert.Equal("20261121from-header", error.RequestId);
        Assert.Equal("no channel", error.GatewayMessage);
    }

    [Fact]
    public async Task RequestIdIsParsedFromTheSuffixWhenTheHeaderIsMissing()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(503, """{"error":{"message":"no channel (request id: 2026112100000000abc)","type":"new_api_error","code":"model_not_found"}}""");

        // Assert
        Assert.Equal("2026112100000000abc", error.RequestId);
    }

    [Fact]
    public async Task DoubleSuffixFromChainedGatewaysIsStrippedWhole()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(400, """{"type":"error","error":{"type":"invalid_request","message":"bad (request id: INNER) (request id: OUTER)"}}""");

        // Assert
        Assert.Equal("bad", error.GatewayMessage);
    }

    [Fact]
    public async Task DoubleSuffixYieldsTheOutermostGatewaysRequestId()
    {
        // Arrange: the gateway the caller talks to appends its own suffix last, and sends the same id as its header.
        const string body = """{"type":"error","error":{"type":"invalid_request","message":"bad (request id: INNER) (request id: OUTER)"}}""";

        // Act
        var error = await ErrorResponses.RaiseAsync(400, body);

        // Assert
        Assert.Equal("OUTER", error.RequestId);
    }

    [Fact]
    public async Task GatewayVersionComesFromTheHeader()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(401, """{"error":{"message":"m","type":"new_api_error","code":""}}""");

        // Assert
        Assert.Equal(ErrorResponses.GatewayVersion, error.GatewayVersion);
    }

    [Fact]
    public async Task MessageNamesStatusTypeCodeTextAndRequestId()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(503, """{"error":{"message":"no channel (request id: r-1)","type":"new_api_error","code":"model_not_found"}}""");

        // Assert
        Assert.Equal("ezrouter returned HTTP 503 (new_api_error/model_not_found): no channel [request id: r-1]", error.Message);
    }

    [Fact]
    public async Task ResponseHeadersAreKeptOnTheException()
    {
        // Arrange
        var response = ErrorResponses.Response(429, """{"error":{"message":"m","type":"new_api_error"}}""", requestIdHeader: "rid");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "0");

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.Equal("0", Assert.Single(error.ResponseHeaders["x-ratelimit-remaining-requests"]));
        Assert.Equal("rid", Assert.Single(error.Details.Headers["X-Oneapi-Request-Id"]));
    }

    [Fact]
    public async Task RetryAfterInSecondsIsRead()
    {
        // Arrange
        var response = ErrorResponses.Response(429, """{"error":{"message":"m","type":"new_api_error"}}""");
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDateIsTheWaitUntilThatDate()
    {
        // Arrange
        var time = new ManualTimeProvider();
        var response = ErrorResponses.Response(503, "<html>down</html>", "text/html");
        response.Headers.TryAddWithoutValidation("Retry-After", time.GetUtcNow().AddSeconds(30).ToString("R"));
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => response);
        using var invoker = HandlerChain.Invoker(mock, new EzrouterErrorHandler(timeProvider: time));
        using var request = HandlerChain.ChatRequest();

        // Act
        var error = await Assert.ThrowsAnyAsync<EzrouterException>(() => invoker.SendAsync(request, CancellationToken.None));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDateInThePastIsZero()
    {
        // Arrange
        var response = ErrorResponses.Response(503, "");
        response.Headers.TryAddWithoutValidation("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
    }

    [Fact]
    public async Task RetryAfterMsIsReadAndPreferredOverRetryAfter()
    {
        // Arrange
        var response = ErrorResponses.Response(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
        response.Headers.TryAddWithoutValidation("Retry-After", "2");

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact]
    public async Task RetryAfterIsNullWhenTheServerSendsNone()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(429, """{"error":{"message":"m","type":"new_api_error"}}""");

        // Assert
        Assert.Null(error.RetryAfter);
    }

    [Theory]
    [InlineData("Retry-After", "Infinity")]
    [InlineData("Retry-After", "1e300")]
    [InlineData("Retry-After", "99999999999999999999")]
    [InlineData("Retry-After", "-5")]
    [InlineData("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData("retry-after-ms", "Infinity")]
    [InlineData("retry-after-ms", "1e300")]
    [InlineData("retry-after-ms", "NaN")]
    [InlineData("retry-after-ms", "99999999999999999999")]
    public async Task AnAbsurdRetryWaitIsIgnoredNotAnOverflow(string header, string value)
    {
        // Arrange: each of these threw OverflowException from the error handler (a 429 ending in an untyped exception).
        var response = ErrorResponses.Response(429, """{"error":{"message":"m","type":"new_api_error"}}""");
        response.Headers.TryAddWithoutValidation(header, value);

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.IsType<EzrouterRateLimitException>(error);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task UnreadableRetryAfterIsIgnored()
    {
        // Arrange
        var response = ErrorResponses.Response(429, """{"error":{"message":"m","type":"new_api_error"}}""");
        response.Headers.TryAddWithoutValidation("Retry-After", "soon");

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task ExceptionIsAKiotaApiException()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(401, """{"error":{"message":"m","type":"new_api_error","code":""}}""");

        // Assert
        Assert.IsAssignableFrom<Microsoft.Kiota.Abstractions.ApiException>(error);
    }
}
