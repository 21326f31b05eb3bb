using Ezrouter.ContractTests.Support;

namespace Ezrouter.ContractTests.Errors;

/// <summary>
/// Recorded errors of the Anthropic surface, in both envelopes it uses (Shape A and, from middleware, Shape O), and
/// its misrouted paths.
/// </summary>
public sealed class AnthropicErrorContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public AnthropicErrorContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("anthropic-error-401-shape-o")]
    public async Task OpenAiShapedAuthErrorOnTheAnthropicSurfaceIsAnAuthenticationError()
    {
        var error = await FailAsync<EzrouterAuthenticationException>("anthropic-error-401-shape-o");

        GatewayErrorAssert.Matches(error, 401, "new_api_error", null, RecordedIds.RequestId("anthropic-error-401-shape-o"));
        Assert.Equal(ErrorTaxonomy.Gateway, error.Taxonomy);
    }

    [Fact]
    [HitsCassette("anthropic-error-double-request-id")]
    public async Task DoubleRequestIdSuffixYieldsTheOuterGatewaysId()
    {
        var error = await FailAsync<EzrouterInvalidRequestException>("anthropic-error-double-request-id");

        GatewayErrorAssert.Matches(error, 400, "invalid_request", null, RecordedIds.RequestId("anthropic-error-double-request-id"));
        Assert.Equal(ErrorTaxonomy.Anthropic, error.Taxonomy);
        Assert.Equal("prompt is too long: 215384 tokens > 200000 maximum", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("anthropic-error-nil-type")]
    public async Task Http529WithNilTypeIsOverloaded()
    {
        var error = await FailAsync<EzrouterOverloadedException>("anthropic-error-nil-type");

        GatewayErrorAssert.Matches(error, 529, "<nil>", null, RecordedIds.RequestId("anthropic-error-nil-type"));
        Assert.Equal(ErrorTaxonomy.Anthropic, error.Taxonomy);
    }

    [Fact]
    public async Task ARelayed529WithoutRetryAfterIsRetriedWithBackoffOnTheEzrouterProfile()
    {
        // Arrange: the gateway relays the upstream's 529 without its headers (docs/gateway-behavior.md §18).
        var waits = new List<EzrouterRetryWait>();
        using var client = new EzrouterClient(new EzrouterClientOptions
        {
            ApiKey = RecordedGatewayFixture.ApiKey,
            BaseUrl = _gateway.Gateway.BaseUrl,
            Retry = { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), OnRetryWait = waits.Add },
        });

        // Act
        var error = await Assert.ThrowsAsync<EzrouterOverloadedException>(() => client.Messages.CreateAsync(CassetteRequests.MessageRequest("anthropic-error-nil-type", "Hi")));

        // Assert
        Assert.Equal((529, 2), (error.StatusCode, error.RetryCount));
        Assert.Null(error.RetryAfter);
        Assert.All(waits, w => Assert.False(w.FromRetryAfter));
        Assert.Equal(2, waits.Count);
        _gateway.AssertAnsweredBy("anthropic-error-nil-type", 0, 0, 0);
    }

    [Fact]
    [HitsCassette("anthropic-error-overloaded")]
    public async Task OverloadedErrorSentWithHttp500IsOverloaded()
    {
        var error = await FailAsync<EzrouterOverloadedException>("anthropic-error-overloaded");

        GatewayErrorAssert.Matches(error, 500, "overloaded_error", null, RecordedIds.RequestId("anthropic-error-overloaded"));
        Assert.Equal("Overloaded", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("error-404-count-tokens")]
    public async Task CountTokensIsNotRoutedAndAnswers404()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() => client.Anthropic.V1.Messages.Count_tokens.PostAsync(CassetteRequests.CountTokens()));

        // Assert
        GatewayErrorAssert.Matches(error, 404, "invalid_request_error", null, RecordedIds.RequestId("error-404-count-tokens"));
        Assert.Equal("Invalid URL (POST /v1/messages/count_tokens)", error.GatewayMessage);
        _gateway.AssertAnsweredBy("error-404-count-tokens");
    }

    [Fact]
    [HitsCassette("error-404-doubled-v1")]
    public async Task AnthropicBaseUrlEndingInV1DoublesThePathAndAnswers404()
    {
        // Arrange: a common misconfiguration, the base URL given with its /v1.
        using var client = _gateway.CreateClient(anthropicBaseUrl: new Uri(_gateway.Gateway.BaseUrl, "anthropic/v1"));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() =>
            client.Messages.CreateAsync(CassetteRequests.MessageRequest("claude-sonnet-4-6", CassetteRequests.Weather)));

        // Assert
        GatewayErrorAssert.Matches(error, 404, "invalid_request_error", null, RecordedIds.RequestId("error-404-doubled-v1"));
        Assert.Equal("Invalid URL (POST /v1/v1/messages)", error.GatewayMessage);
        _gateway.AssertAnsweredBy("error-404-doubled-v1");
    }

    [Fact]
    [HitsCassette("html-unknown-anthropic-path")]
    public async Task WebUiPageForAnUnknownAnthropicPathIsAProtocolError()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var v2 = client.Anthropic.V1.Models.WithUrl(_gateway.Url("anthropic/v2/models"));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => v2.GetAsync());

        // Assert
        GatewayErrorAssert.Matches(error, 200, null, null, RecordedIds.RequestId("html-unknown-anthropic-path"));
        Assert.Equal("text/html; charset=utf-8", error.Details.ContentType);
        _gateway.AssertAnsweredBy("html-unknown-anthropic-path");
    }

    // One Messages.CreateAsync call with model = the cassette's name (the convention for error scenarios).
    private async Task<TException> FailAsync<TException>(string cassette) where TException : EzrouterException
    {
        using var client = _gateway.CreateClient();
        var error = await Assert.ThrowsAsync<TException>(() => client.Messages.CreateAsync(CassetteRequests.MessageRequest(cassette, "Hi")));
        _gateway.AssertAnsweredBy(cassette);
        return error;
    }
}
