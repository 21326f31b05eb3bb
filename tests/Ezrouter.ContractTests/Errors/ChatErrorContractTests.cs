using Ezrouter.ContractTests.Support;

namespace Ezrouter.ContractTests.Errors;

/// <summary>
/// Every recorded error of the OpenAI surface becomes the <see cref="EzrouterException"/> subtype a caller would
/// catch, with the gateway's status, type, code and request id (docs/gateway-behavior.md §3).
/// </summary>
public sealed class ChatErrorContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public ChatErrorContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("error-200-upstream-error")]
    public async Task UpstreamErrorRelayedWithHttp200IsRaisedNotParsedAsACompletion()
    {
        var error = await FailAsync<EzrouterOverloadedException>("error-200-upstream-error", stream: false);

        GatewayErrorAssert.Matches(error, 200, "engine_overloaded_error", null, RecordedIds.RequestId("error-200-upstream-error"));
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
        Assert.Equal("The engine is currently overloaded, please try again later", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("error-400-no-model")]
    public async Task MissingModelIsAnInvalidRequest()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() =>
            client.Chat.CompleteAsync(CassetteRequests.ChatRequest(null, CassetteRequests.User("Hi"))));

        // Assert
        GatewayErrorAssert.Matches(error, 400, "new_api_error", null, RecordedIds.RequestId("error-400-no-model"));
        Assert.Equal(ErrorTaxonomy.Gateway, error.Taxonomy);
        Assert.Equal("Model name not specified, model name cannot be empty", error.GatewayMessage);
        _gateway.AssertAnsweredBy("error-400-no-model");
    }

    [Fact]
    [HitsCassette("error-400-null-code")]
    public async Task UpstreamErrorWithNullCodeAndParamIsAnInvalidRequest()
    {
        var error = await FailAsync<EzrouterInvalidRequestException>("error-400-null-code");

        GatewayErrorAssert.Matches(error, 400, "invalid_request_error", null, RecordedIds.RequestId("error-400-null-code"));
        Assert.Null(error.Param);
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
    }

    [Fact]
    [HitsCassette("error-400-numeric-code")]
    public async Task NumericCodeIsKeptAsText()
    {
        var error = await FailAsync<EzrouterInvalidRequestException>("error-400-numeric-code");

        GatewayErrorAssert.Matches(error, 400, "invalid_request_error", "1214", RecordedIds.RequestId("error-400-numeric-code"));
    }

    [Fact]
    [HitsCassette("error-401-invalid-token")]
    public async Task InvalidTokenIsAnAuthenticationError()
    {
        var error = await FailAsync<EzrouterAuthenticationException>("error-401-invalid-token");

        GatewayErrorAssert.Matches(error, 401, "new_api_error", null, RecordedIds.RequestId("error-401-invalid-token"));
        Assert.Equal("Invalid token", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("error-403-access-denied")]
    public async Task BlockedIpIsAPermissionError()
    {
        var error = await FailAsync<EzrouterPermissionException>("error-403-access-denied");

        GatewayErrorAssert.Matches(error, 403, "new_api_error", "access_denied", RecordedIds.RequestId("error-403-access-denied"));
    }

    [Fact]
    [HitsCassette("error-403-insufficient-user-quota")]
    public async Task LowBalanceIsAnInsufficientQuotaError()
    {
        var error = await FailAsync<EzrouterInsufficientQuotaException>("error-403-insufficient-user-quota");

        GatewayErrorAssert.Matches(error, 403, "new_api_error", "insufficient_user_quota", RecordedIds.RequestId("error-403-insufficient-user-quota"));
    }

    [Fact]
    [HitsCassette("error-403-pre-consume-quota-failed")]
    public async Task FailedPreConsumptionIsAnInsufficientQuotaError()
    {
        var error = await FailAsync<EzrouterInsufficientQuotaException>("error-403-pre-consume-quota-failed");

        GatewayErrorAssert.Matches(error, 403, "new_api_error", "pre_consume_token_quota_failed", RecordedIds.RequestId("error-403-pre-consume-quota-failed"));
    }

    [Fact]
    [HitsCassette("error-413-body-too-large")]
    public async Task OversizedBodyIsARequestTooLargeError()
    {
        var error = await FailAsync<EzrouterRequestTooLargeException>("error-413-body-too-large");

        GatewayErrorAssert.Matches(error, 413, "new_api_error", "read_request_body_failed", RecordedIds.RequestId("error-413-body-too-large"));
    }

    [Fact]
    [HitsCassette("error-429-rate-limit")]
    public async Task RateLimitCarriesRetryAfter()
    {
        var error = await FailAsync<EzrouterRateLimitException>("error-429-rate-limit");

        GatewayErrorAssert.Matches(error, 429, "new_api_error", null, RecordedIds.RequestId("error-429-rate-limit"));
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
    }

    [Fact]
    [HitsCassette("error-500-do-request-failed")]
    public async Task UnreachableUpstreamIsUpstreamUnavailable()
    {
        var error = await FailAsync<EzrouterUpstreamUnavailableException>("error-500-do-request-failed");

        GatewayErrorAssert.Matches(error, 500, "new_api_error", "do_request_failed", RecordedIds.RequestId("error-500-do-request-failed"));
    }

    [Fact]
    [HitsCassette("error-500-invalid-request")]
    public async Task MissingMessagesIsAnInvalidRequestDespiteHttp500()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() =>
            client.Chat.CompleteAsync(new() { Model = "claude-sonnet-4-6" }));

        // Assert
        GatewayErrorAssert.Matches(error, 500, "new_api_error", "invalid_request", RecordedIds.RequestId("error-500-invalid-request"));
        Assert.Equal("field messages is required", error.GatewayMessage);
        _gateway.AssertAnsweredBy("error-500-invalid-request");
    }

    [Fact]
    [HitsCassette("error-500-panic")]
    public async Task GatewayPanicIsAGatewayError()
    {
        var error = await FailAsync<EzrouterServerException>("error-500-panic");

        GatewayErrorAssert.Matches(error, 500, "new_api_panic", null, RecordedIds.RequestId("error-500-panic"));
        Assert.Equal(ErrorTaxonomy.Gateway, error.Taxonomy);
    }

    [Fact]
    [HitsCassette("error-502-non-json-upstream")]
    public async Task NonJsonUpstreamReplyIsUpstreamUnavailable()
    {
        var error = await FailAsync<EzrouterUpstreamUnavailableException>("error-502-non-json-upstream");

        GatewayErrorAssert.Matches(error, 502, "bad_response_status_code", "bad_response_status_code", RecordedIds.RequestId("error-502-non-json-upstream"));
    }

    [Fact]
    [HitsCassette("error-503-model-not-found")]
    public async Task UnknownModelIsModelNotFound()
    {
        var error = await FailAsync<EzrouterModelNotFoundException>("error-503-model-not-found");

        GatewayErrorAssert.Matches(error, 503, "new_api_error", "model_not_found", RecordedIds.RequestId("error-503-model-not-found"));
    }

    [Fact]
    [HitsCassette("error-404-invalid-url")]
    public async Task UnknownV1PathIsAnInvalidRequest()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var wrongPath = client.OpenAi.V1.Chat.Completions.WithUrl(_gateway.Url("v1/chat/complete"));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() => wrongPath.PostAsync(CassetteRequests.ChatError("error-404-invalid-url")));

        // Assert
        GatewayErrorAssert.Matches(error, 404, "invalid_request_error", null, RecordedIds.RequestId("error-404-invalid-url"));
        Assert.Equal("Invalid URL (POST /v1/chat/complete)", error.GatewayMessage);
        _gateway.AssertAnsweredBy("error-404-invalid-url");
    }

    [Fact]
    [HitsCassette("html-unknown-path")]
    public async Task WebUiPageWithHttp200IsAProtocolError()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var outsideV1 = client.OpenAi.V1.Chat.Completions.WithUrl(_gateway.Url("chat/completions"));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => outsideV1.PostAsync(CassetteRequests.ChatError("html-unknown-path")));

        // Assert
        GatewayErrorAssert.Matches(error, 200, null, null, RecordedIds.RequestId("html-unknown-path"));
        Assert.Equal(ErrorTaxonomy.Unknown, error.Taxonomy);
        Assert.StartsWith("<!doctype html>", error.RawBody, StringComparison.Ordinal);
        _gateway.AssertAnsweredBy("html-unknown-path");
    }

    // One non-stream chat call with model = the cassette's name (the convention for error scenarios).
    private async Task<TException> FailAsync<TException>(string cassette, bool? stream = null) where TException : EzrouterException
    {
        using var client = _gateway.CreateClient();
        var request = CassetteRequests.ChatError(cassette);
        request.Stream = stream;
        var error = await Assert.ThrowsAsync<TException>(() => client.Chat.CompleteAsync(request));
        Assert.Equal(0, error.RetryCount);
        _gateway.AssertAnsweredBy(cassette);
        return error;
    }
}
