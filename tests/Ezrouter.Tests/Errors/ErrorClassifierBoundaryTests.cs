namespace Ezrouter.Tests.Errors;

/// <summary>
/// <see cref="ErrorClassifier"/> at the edges of its status ranges and on each error type it knows: the rows the
/// mutation run found unguarded (docs/mutation-testing.md), since the corpus that covers them is left out of it.
/// </summary>
public sealed class ErrorClassifierBoundaryTests
{
    private static EzrouterException Classify(int status, string? type = null, string? code = null, ErrorTaxonomy taxonomy = ErrorTaxonomy.Unknown) =>
        ErrorClassifier.Create(new EzrouterErrorDetails { StatusCode = status, ErrorType = type, ErrorCode = code, Taxonomy = taxonomy });

    [Theory]
    [InlineData(299, typeof(EzrouterServerException), ErrorTaxonomy.Upstream)]
    [InlineData(300, typeof(EzrouterRedirectException), ErrorTaxonomy.Unknown)]
    [InlineData(399, typeof(EzrouterRedirectException), ErrorTaxonomy.Unknown)]
    [InlineData(400, typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Unknown)]
    [InlineData(404, typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Unknown)]
    [InlineData(422, typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Unknown)]
    [InlineData(499, typeof(EzrouterInvalidRequestException), ErrorTaxonomy.Unknown)]
    [InlineData(500, typeof(EzrouterServerException), ErrorTaxonomy.Unknown)]
    [InlineData(599, typeof(EzrouterServerException), ErrorTaxonomy.Unknown)]
    [InlineData(600, typeof(EzrouterProtocolException), ErrorTaxonomy.Unknown)]
    [InlineData(199, typeof(EzrouterProtocolException), ErrorTaxonomy.Unknown)]
    [InlineData(200, typeof(EzrouterProtocolException), ErrorTaxonomy.Unknown)]
    [InlineData(200, typeof(EzrouterServerException), ErrorTaxonomy.Upstream)]
    [InlineData(600, typeof(EzrouterProtocolException), ErrorTaxonomy.Upstream)]
    [InlineData(199, typeof(EzrouterProtocolException), ErrorTaxonomy.Anthropic)]
    public void EachStatusRangeEndsOnItsType(int status, Type expected, ErrorTaxonomy taxonomy) =>
        Assert.IsType(expected, Classify(status, taxonomy: taxonomy));

    [Theory]
    [InlineData("overloaded_error", typeof(EzrouterOverloadedException))]
    [InlineData("engine_overloaded_error", typeof(EzrouterOverloadedException))]
    [InlineData("authentication_error", typeof(EzrouterAuthenticationException))]
    [InlineData("permission_error", typeof(EzrouterPermissionException))]
    [InlineData("rate_limit_error", typeof(EzrouterRateLimitException))]
    [InlineData("request_too_large", typeof(EzrouterRequestTooLargeException))]
    [InlineData("invalid_request_error", typeof(EzrouterInvalidRequestException))]
    [InlineData("invalid_request", typeof(EzrouterInvalidRequestException))]
    [InlineData("not_found_error", typeof(EzrouterInvalidRequestException))]
    public void AnErrorTypeDecidesWhenTheStatusDoesNot(string type, Type expected) =>
        // 200 with an envelope: the status says nothing, the type says what happened.
        Assert.IsType(expected, Classify(200, type, taxonomy: ErrorTaxonomy.Anthropic));

    [Theory]
    [InlineData(520)]
    [InlineData(530)]
    public void AnUpstreamErrorTypeOnAnUnlisted5xxIsUpstreamUnavailable(int status) =>
        // Not one of the unavailability statuses (502/503/504/524): the type decides, not the 5xx fallback.
        Assert.IsType<EzrouterUpstreamUnavailableException>(Classify(status, "upstream_error", taxonomy: ErrorTaxonomy.Upstream));

    [Fact]
    public void ModelNotFoundWinsOverTheStatus()
    {
        Assert.IsType<EzrouterModelNotFoundException>(Classify(503, code: "model_not_found"));
        Assert.IsType<EzrouterModelNotFoundException>(Classify(400, type: "model_not_found"));
        Assert.IsNotType<EzrouterModelNotFoundException>(Classify(400, type: ""));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(422)]
    public void AnInvalidRequestStatusWinsOverAnErrorType(int status) =>
        // The status says the request was wrong; a type another status would map elsewhere does not change that.
        Assert.IsType<EzrouterInvalidRequestException>(Classify(status, "rate_limit_error", taxonomy: ErrorTaxonomy.Upstream));

    [Theory]
    [InlineData(199, typeof(EzrouterProtocolException))]
    [InlineData(200, typeof(EzrouterServerException))]
    [InlineData(299, typeof(EzrouterServerException))]
    [InlineData(300, typeof(EzrouterRedirectException))]
    [InlineData(301, typeof(EzrouterRedirectException))]
    [InlineData(401, typeof(EzrouterAuthenticationException))]
    public void AGatewayEnvelopeWithoutTypeOrCodeIsTheGatewaysFaultOnlyWithA2xx(int status, Type expected) =>
        // The models list's success:false comes with 200; on any other status the status decides as usual.
        Assert.IsType(expected, Classify(status, taxonomy: ErrorTaxonomy.Gateway));
}
