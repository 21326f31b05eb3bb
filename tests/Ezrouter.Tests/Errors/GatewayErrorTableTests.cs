using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// One row per case of the error table in docs/gateway-behavior.md §3, as the gateway sends it: status, envelope
/// shape, type and code. Each becomes the exception type a caller would catch, with every field read off the body.
/// Gateway errors end their message with <c>(request id: …)</c>; relayed upstream errors do not.
/// </summary>
public sealed class GatewayErrorTableTests
{
    private const string Rid = "20261121000000123456789";

    [Theory]
    // Shape O, the gateway's own errors (new_api_error + code), messages in Chinese or English.
    [InlineData("bad, expired or exhausted key", 401, """{"error":{"message":"无效的令牌 (request id: 20261121000000123456789)","type":"new_api_error","code":""}}""", typeof(EzrouterAuthenticationException), ErrorTaxonomy.Gateway, "new_api_error", null, "无效的令牌")]
    [InlineData("IP blocked", 403, """{"error":{"message":"access denied (request id: 20261121000000123456789)","type":"new_api_error","code":"access_denied"}}""", typeof(EzrouterPermissionException), ErrorTaxonomy.Gateway, "new_api_error", "access_denied", "access denied")]
    [InlineData("user banned", 403, """{"error":{"message":"用户已被封禁 (request id: 20261121000000123456789)","type":"new_api_error","code":""}}""", typeof(EzrouterPermissionException), ErrorTaxonomy.Gateway, "new_api_error", null, "用户已被封禁")]
    [InlineData("unknown model or no channel", 503, """{"error":{"message":"当前分组 default 下对于模型 gpt-9 无可用渠道 (request id: 20261121000000123456789)","type":"new_api_error","code":"model_not_found"}}""", typeof(EzrouterModelNotFoundException), ErrorTaxonomy.Gateway, "new_api_error", "model_not_found", "当前分组 default 下对于模型 gpt-9 无可用渠道")]
    [InlineData("body unparseable or no model", 400, """{"error":{"message":"Invalid request, please check your request body (request id: 20261121000000123456789)","type":"new_api_error","code":""}}""", typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Gateway, "new_api_error", null, "Invalid request, please check your request body")]
    [InlineData("later validation fails (500)", 500, """{"error":{"message":"field messages is required (request id: 20261121000000123456789)","type":"new_api_error","param":"","code":"invalid_request"}}""", typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Gateway, "new_api_error", "invalid_request", "field messages is required")]
    [InlineData("body too large", 413, """{"error":{"message":"request body too large (request id: 20261121000000123456789)","type":"new_api_error","param":"","code":"read_request_body_failed"}}""", typeof(EzrouterRequestTooLargeException), ErrorTaxonomy.Gateway, "new_api_error", "read_request_body_failed", "request body too large")]
    [InlineData("balance too low", 403, """{"error":{"message":"用户额度不足 (request id: 20261121000000123456789)","type":"new_api_error","code":"insufficient_user_quota"}}""", typeof(EzrouterInsufficientQuotaException), ErrorTaxonomy.Gateway, "new_api_error", "insufficient_user_quota", "用户额度不足")]
    [InlineData("token quota pre-consume fails", 403, """{"error":{"message":"pre-consume token quota failed (request id: 20261121000000123456789)","type":"new_api_error","code":"pre_consume_token_quota_failed"}}""", typeof(EzrouterInsufficientQuotaException), ErrorTaxonomy.Gateway, "new_api_error", "pre_consume_token_quota_failed", "pre-consume token quota failed")]
    [InlineData("upstream unreachable", 500, """{"error":{"message":"do request failed: dial tcp 10.0.0.1:443: i/o timeout (request id: 20261121000000123456789)","type":"new_api_error","param":"","code":"do_request_failed"}}""", typeof(EzrouterUpstreamUnavailableException), ErrorTaxonomy.Gateway, "new_api_error", "do_request_failed", "do request failed: dial tcp 10.0.0.1:443: i/o timeout")]
    [InlineData("unknown /v1 path", 404, """{"error":{"message":"Invalid URL (POST /v1/chat/complete)","type":"invalid_request_error","param":"","code":""}}""", typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Upstream, "invalid_request_error", null, "Invalid URL (POST /v1/chat/complete)")]
    [InlineData("panic", 500, """{"error":{"message":"Panic detected, error: runtime error: index out of range. Please submit a issue (request id: 20261121000000123456789)","type":"new_api_panic"}}""", typeof(EzrouterServerException), ErrorTaxonomy.Gateway, "new_api_panic", null, "Panic detected, error: runtime error: index out of range. Please submit a issue")]
    [InlineData("rate limit", 429, """{"error":{"message":"您已达到请求数限制 (request id: 20261121000000123456789)","type":"new_api_error","code":""}}""", typeof(EzrouterRateLimitException), ErrorTaxonomy.Gateway, "new_api_error", null, "您已达到请求数限制")]
    // Shape O, relayed upstream errors: object and status unchanged, no request-id suffix.
    [InlineData("upstream invalid request", 400, """{"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Upstream, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens.")]
    [InlineData("upstream error with empty type", 502, """{"error":{"message":"upstream connect error","type":"upstream_error","code":null}}""", typeof(EzrouterUpstreamUnavailableException), ErrorTaxonomy.Upstream, "upstream_error", null, "upstream connect error")]
    [InlineData("upstream error given as a string", 500, """{"error":{"message":"model overloaded, retry later","type":"bad_response_status_code","code":"bad_response_status_code"}}""", typeof(EzrouterUpstreamUnavailableException), ErrorTaxonomy.Upstream, "bad_response_status_code", "bad_response_status_code", "model overloaded, retry later")]
    [InlineData("non-JSON upstream body", 502, """{"error":{"message":"openai_error","type":"bad_response_status_code","code":"bad_response_status_code"}}""", typeof(EzrouterUpstreamUnavailableException), ErrorTaxonomy.Upstream, "bad_response_status_code", "bad_response_status_code", "openai_error")]
    [InlineData("upstream rate limit", 429, """{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", typeof(EzrouterRateLimitException), ErrorTaxonomy.Upstream, "requests", "rate_limit_exceeded", "Rate limit reached for requests")]
    [InlineData("upstream overloaded (529)", 529, """{"error":{"message":"Overloaded","type":"upstream_error","code":"529"}}""", typeof(EzrouterOverloadedException), ErrorTaxonomy.Upstream, "upstream_error", "529", "Overloaded")]
    [InlineData("upstream gateway timeout", 504, """{"error":{"message":"upstream timed out","type":"upstream_error"}}""", typeof(EzrouterUpstreamUnavailableException), ErrorTaxonomy.Upstream, "upstream_error", null, "upstream timed out")]
    // Shape A, relay-stage errors on /v1/messages.
    [InlineData("anthropic overloaded_error with 500", 500, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded (request id: 20261121000000123456789)"}}""", typeof(EzrouterOverloadedException), ErrorTaxonomy.Anthropic, "overloaded_error", null, "Overloaded")]
    [InlineData("anthropic overloaded_error with 529", 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded (request id: 20261121000000123456789)"}}""", typeof(EzrouterOverloadedException), ErrorTaxonomy.Anthropic, "overloaded_error", null, "Overloaded")]
    [InlineData("anthropic <nil> type (no upstream code)", 400, """{"type":"error","error":{"type":"<nil>","message":"messages: roles must alternate (request id: 20261121000000123456789)"}}""", typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Anthropic, "<nil>", null, "messages: roles must alternate")]
    [InlineData("anthropic <nil> type with 429", 429, """{"type":"error","error":{"type":"<nil>","message":"rate limited (request id: 20261121000000123456789)"}}""", typeof(EzrouterRateLimitException), ErrorTaxonomy.Anthropic, "<nil>", null, "rate limited")]
    [InlineData("anthropic invalid_request with a double suffix", 400, """{"type":"error","error":{"type":"invalid_request","message":"max_tokens: field required (request id: 20261121000000A) (request id: 20261121000000123456789)"}}""", typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Anthropic, "invalid_request", null, "max_tokens: field required")]
    [InlineData("anthropic authentication_error", 401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key (request id: 20261121000000123456789)"}}""", typeof(EzrouterAuthenticationException), ErrorTaxonomy.Anthropic, "authentication_error", null, "invalid x-api-key")]
    [InlineData("gateway error in shape A", 503, """{"type":"error","error":{"type":"new_api_error","message":"no channel (request id: 20261121000000123456789)","code":"model_not_found"}}""", typeof(EzrouterModelNotFoundException), ErrorTaxonomy.Gateway, "new_api_error", "model_not_found", "no channel")]
    public async Task EachRowOfTheErrorTableBecomesItsTypedException(string @case, int status, string body, Type expected, ErrorTaxonomy taxonomy, string? type, string? code, string message)
    {
        // Arrange
        var response = ErrorResponses.Response(status, body);

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.True(error.GetType() == expected, $"{@case}: expected {expected.Name}, got {error.GetType().Name}");
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(status, error.ResponseStatusCode);
        Assert.Equal(taxonomy, error.Taxonomy);
        Assert.Equal(type, error.ErrorType);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.GatewayMessage);
        Assert.Equal(ErrorResponses.GatewayVersion, error.GatewayVersion);
        Assert.Equal(body, error.RawBody);
        if (body.Contains("(request id: ")) Assert.Equal(Rid, error.RequestId);
        else Assert.Null(error.RequestId);
    }
}
