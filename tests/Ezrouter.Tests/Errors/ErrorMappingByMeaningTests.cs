using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// Issue 13, item 2: every status and code the gateway documents maps to a subtype by meaning, and an upstream
/// error in its provider's own shape (a string, <c>msg</c>, <c>detail</c>) is read, with the key redacted from it
/// (docs/gateway-behavior.md §2, §3, §18).
/// </summary>
public sealed class ErrorMappingByMeaningTests
{
    private const string Key = "sk-ErrorMappingByMeaning0123456789";

    [Theory]
    [InlineData("panic", 500, """{"error":{"message":"Panic detected","type":"new_api_panic"}}""", typeof(EzrouterServerException))]
    [InlineData("panic behind a proxy's status", 502, """{"error":{"message":"Panic detected","type":"new_api_panic"}}""", typeof(EzrouterServerException))]
    [InlineData("models list success:false", 200, """{"success":false,"message":"get user group failed"}""", typeof(EzrouterServerException))]
    [InlineData("402 balance", 402, """{"error":{"message":"insufficient balance","type":"invalid_request_error","code":"insufficient_quota"}}""", typeof(EzrouterInsufficientQuotaException))]
    [InlineData("402 no body type", 402, """{"detail":"Payment Required"}""", typeof(EzrouterInsufficientQuotaException))]
    [InlineData("405", 405, """{"error":{"message":"Method Not Allowed","type":"upstream_error"}}""", typeof(EzrouterInvalidRequestException))]
    [InlineData("408", 408, """{"error":{"message":"request timeout","type":"upstream_error"}}""", typeof(EzrouterUpstreamUnavailableException))]
    [InlineData("403 banned user, empty code", 403, """{"error":{"code":"","message":"用户已被封禁","type":"new_api_error"}}""", typeof(EzrouterPermissionException))]
    public async Task EachDocumentedCaseBecomesTheSubtypeThatSaysWhatHappened(string @case, int status, string body, Type expected)
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(status, body);

        // Assert
        Assert.True(error.GetType() == expected, $"{@case}: expected {expected.Name}, got {error.GetType().Name}");
    }

    [Fact]
    public void A408IsRetriedLikeA504WithoutRetryAfter()
    {
        // Arrange
        EzrouterException Failure(int status) => ErrorClassifier.Create(new EzrouterErrorDetails { StatusCode = status, Taxonomy = ErrorTaxonomy.Upstream, ErrorType = "upstream_error" });

        // Act
        var retry408 = EzrouterRetryPolicy.ShouldRetry(Failure(408), 0);
        var retry504 = EzrouterRetryPolicy.ShouldRetry(Failure(504), 0);

        // Assert
        Assert.True(retry408);
        Assert.Equal(retry504, retry408);
        Assert.Equal(Failure(504).GetType(), Failure(408).GetType());
    }

    [Theory]
    [InlineData("error as a string", 400, """{"error":"model is required"}""", "model is required", null, null)]
    [InlineData("error as a string with a code", 429, """{"error":"too many requests","code":"rate_limited"}""", "too many requests", "rate_limited", null)]
    [InlineData("msg with a numeric code", 400, """{"code":1211,"msg":"模型不存在，请检查模型代码。"}""", "模型不存在，请检查模型代码。", "1211", null)]
    [InlineData("detail string (FastAPI)", 422, """{"detail":"Not authenticated"}""", "Not authenticated", null, null)]
    [InlineData("detail list (FastAPI validation)", 422, """{"detail":[{"loc":["body","messages",0,"role"],"msg":"field required","type":"value_error.missing"}]}""", "body.messages.0.role: field required", null, null)]
    [InlineData("detail object", 500, """{"detail":{"message":"internal"}}""", "internal", null, null)]
    [InlineData("error_msg and error_code", 400, """{"error_code":110,"error_msg":"Access token invalid"}""", "Access token invalid", "110", null)]
    [InlineData("msg inside the error object", 400, """{"error":{"code":"1214","msg":"messages 参数非法"}}""", "messages 参数非法", "1214", null)]
    [InlineData("detail inside the error object", 400, """{"error":{"type":"invalid","detail":"bad role"}}""", "bad role", null, "invalid")]
    public async Task UpstreamErrorVariantsAreRead(string @case, int status, string body, string message, string? code, string? type)
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(status, body);

        // Assert
        Assert.True(message == error.GatewayMessage, $"{@case}: GatewayMessage was {error.GatewayMessage}");
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(type, error.ErrorType);
        Assert.Equal(status, error.StatusCode);
    }

    [Theory]
    [InlineData("""{"msg":"bad key KEY"}""")]
    [InlineData("""{"detail":"bad key KEY"}""")]
    [InlineData("""{"detail":[{"loc":["header","KEY"],"msg":"bad key KEY"}]}""")]
    [InlineData("""{"error":"bad key KEY","code":"KEY"}""")]
    [InlineData("""{"error_msg":"Bearer KEY","error_code":"KEY"}""")]
    public async Task TheKeyIsRedactedFromEveryVariant(string template)
    {
        // Arrange
        var body = template.Replace("KEY", Key, StringComparison.Ordinal);

        // Act
        var error = await ErrorResponses.RaiseAsync(401, body, secret: Key);

        // Assert
        Assert.NotNull(error.GatewayMessage);
        Assert.Contains(SecretRedaction.Marker, error.GatewayMessage);
        Assert.DoesNotContain(Key, error.GatewayMessage);
        Assert.DoesNotContain(Key, error.Message);
        Assert.DoesNotContain(Key, error.ErrorCode ?? string.Empty);
        Assert.DoesNotContain(Key, error.RawBody);
        Assert.DoesNotContain(Key, error.ToString());
    }

    [Fact]
    public void AVariantIsNotAnErrorInASuccessfulBodyOrAStreamEvent()
    {
        // Arrange
        var body = """{"detail":"fine","msg":"ok"}"""u8.ToArray();

        // Act
        var ok = ErrorBodyReader.ReadEnvelope(new EzrouterErrorDetails { StatusCode = 200 }, body, null);
        var streamEvent = ErrorBodyReader.ReadEnvelope(new EzrouterErrorDetails(), body, null);

        // Assert
        Assert.Null(ok);
        Assert.Null(streamEvent);
    }

    [Fact]
    public async Task AFailedBodyWithNoKnownKeyIsStillUnreadable()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(502, """{"status":"down"}""");

        // Assert
        Assert.Equal(ErrorTaxonomy.Unknown, error.Taxonomy);
        Assert.Null(error.GatewayMessage);
        Assert.Contains("not a JSON error envelope", error.Message);
    }
}
