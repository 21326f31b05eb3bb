using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Streaming;

namespace Ezrouter.ContractTests.Errors;

/// <summary>
/// Issue 13, item 2: the statuses and codes that used to land on the base type, the upstream error variants, and the
/// scenarios no cassette showed, each through the recorded gateway (docs/gateway-behavior.md §2, §3, §10, §18, §19).
/// </summary>
public sealed class ErrorsByMeaningContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public ErrorsByMeaningContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("error-402-insufficient-balance")]
    public async Task Http402IsInsufficientQuotaWhateverTheType()
    {
        var error = await FailAsync<EzrouterInsufficientQuotaException>("error-402-insufficient-balance");

        GatewayErrorAssert.Matches(error, 402, "unknown_error", "invalid_request_error", RecordedIds.RequestId("error-402-insufficient-balance"));
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
        Assert.Equal("Insufficient Balance", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("error-405-method-not-allowed")]
    public async Task Http405IsAnInvalidRequest()
    {
        var error = await FailAsync<EzrouterInvalidRequestException>("error-405-method-not-allowed");

        GatewayErrorAssert.Matches(error, 405, "bad_response_status_code", "bad_response_status_code", RecordedIds.RequestId("error-405-method-not-allowed"));
        Assert.Equal("openai_error", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("error-408-upstream-timeout")]
    public async Task Http408IsUpstreamUnavailableAndRetriedLike504WithoutRetryAfter()
    {
        // Arrange
        using var client = _gateway.CreateClient(maxRetries: 1);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterUpstreamUnavailableException>(() =>
            client.Chat.CompleteAsync(CassetteRequests.ChatError("error-408-upstream-timeout")));

        // Assert
        GatewayErrorAssert.Matches(error, 408, "upstream_error", null, RecordedIds.RequestId("error-408-upstream-timeout"));
        Assert.Null(error.RetryAfter);
        Assert.Equal(1, error.RetryCount);
        _gateway.AssertAnsweredBy("error-408-upstream-timeout", 0, 0);
    }

    [Fact]
    [HitsCassette("error-403-banned-user")]
    public async Task BannedUserWithAnEmptyCodeIsAPermissionErrorNotQuota()
    {
        var error = await FailAsync<EzrouterPermissionException>("error-403-banned-user");

        Assert.IsNotType<EzrouterInsufficientQuotaException>(error);
        GatewayErrorAssert.Matches(error, 403, "new_api_error", null, RecordedIds.RequestId("error-403-banned-user"));
        Assert.Equal(ErrorTaxonomy.Gateway, error.Taxonomy);
        Assert.Equal("用户已被封禁", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("models-list-success-false")]
    public async Task ModelsListWithSuccessFalseIsTheGatewaysOwnFault()
    {
        // Arrange
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-models-list-success-false", BaseUrl = _gateway.Gateway.BaseUrl });

        // Act
        var error = await Assert.ThrowsAsync<EzrouterServerException>(() => client.Models.ListAsync());

        // Assert
        Assert.Equal((200, ErrorTaxonomy.Gateway), (error.StatusCode, error.Taxonomy));
        Assert.Equal((null, null), (error.ErrorType, error.ErrorCode));
        Assert.Equal("get user group failed", error.GatewayMessage);
        Assert.Equal(RecordedIds.RequestId("models-list-success-false"), error.RequestId);
        _gateway.AssertAnsweredBy("models-list-success-false");
    }

    [Fact]
    [HitsCassette("anthropic-error-503-model-not-found")]
    public async Task OpenAiShapedRoutingErrorOnTheAnthropicSurfaceIsModelNotFound()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<EzrouterModelNotFoundException>(() =>
            client.Messages.CreateAsync(CassetteRequests.MessageRequest("anthropic-error-503-model-not-found", "Hi")));

        // Assert
        GatewayErrorAssert.Matches(error, 503, "new_api_error", "model_not_found", RecordedIds.RequestId("anthropic-error-503-model-not-found"));
        Assert.Equal(ErrorTaxonomy.Gateway, error.Taxonomy);
        Assert.Equal("No available channel for model anthropic-error-503-model-not-found under group default (distributor)", error.GatewayMessage);
        _gateway.AssertAnsweredBy("anthropic-error-503-model-not-found");
    }

    [Fact]
    [HitsCassette("anthropic-stream-midstream-error")]
    public async Task EventErrorInTheMiddleOfAnAnthropicStreamIsAStreamErrorKeepingTheText()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Messages.CreateStreamingAsync(CassetteRequests.MessageRequest("claude-sonnet-4-6", "Write a haiku about the sea."));

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(async () =>
        {
            await foreach (var _ in stream)
            {
            }
        });

        // Assert
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Equal((200, "overloaded_error", null), (error.StatusCode, error.ErrorType, error.ErrorCode));
        Assert.Equal("Overloaded", error.GatewayMessage);
        Assert.Equal(RecordedIds.RequestId("anthropic-stream-midstream-error"), error.RequestId);
        var partial = Assert.IsType<Message>(error.PartialResponse);
        Assert.Equal("Grey waves fold and break,\nsalt wind", Assert.Single(partial.Content!).TextBlock!.Text);
        _gateway.AssertAnsweredBy("anthropic-stream-midstream-error");
    }

    [Fact]
    [HitsCassette("error-400-upstream-msg")]
    public async Task UpstreamErrorUnderMsgIsReadWithItsNumericCode()
    {
        var error = await FailAsync<EzrouterInvalidRequestException>("error-400-upstream-msg");

        GatewayErrorAssert.Matches(error, 400, null, "1214", RecordedIds.RequestId("error-400-upstream-msg"));
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
        Assert.Equal("messages 参数非法。请检查文档。", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("error-422-upstream-detail")]
    public async Task UpstreamValidationErrorUnderDetailIsReadWithItsLocation()
    {
        var error = await FailAsync<EzrouterInvalidRequestException>("error-422-upstream-detail");

        GatewayErrorAssert.Matches(error, 422, null, null, RecordedIds.RequestId("error-422-upstream-detail"));
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
        Assert.Equal("body.max_tokens: Field required", error.GatewayMessage);
    }

    [Fact]
    [HitsCassette("error-500-upstream-string")]
    public async Task UpstreamErrorGivenAsABareStringIsAServerErrorWithThatMessage()
    {
        var error = await FailAsync<EzrouterServerException>("error-500-upstream-string");

        GatewayErrorAssert.Matches(error, 500, null, null, RecordedIds.RequestId("error-500-upstream-string"));
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
        Assert.Equal("llama runner process has terminated: exit status 2", error.GatewayMessage);
        Assert.Equal("""{"error":"llama runner process has terminated: exit status 2"}""", error.RawBody);
    }

    private async Task<TException> FailAsync<TException>(string cassette) where TException : EzrouterException
    {
        using var client = _gateway.CreateClient();
        var error = await Assert.ThrowsAsync<TException>(() => client.Chat.CompleteAsync(CassetteRequests.ChatError(cassette)));
        Assert.Equal(0, error.RetryCount);
        _gateway.AssertAnsweredBy(cassette);
        return error;
    }
}
