using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Responses;

/// <summary>
/// A whole JSON response with <c>status: failed</c> arrives with HTTP 200 (docs/gateway-behavior.md §22): it is an
/// error, raised typed with the response as the partial result, never returned as a success.
/// </summary>
internal static class ResponseFailure
{
    public static EzrouterServerException? Check(ModelResponse response, EzrouterResponseInfo info, string? secret)
    {
        if (response.Status != "failed") return null;
        var details = new EzrouterErrorDetails
        {
            StatusCode = info.StatusCode,
            RequestId = info.RequestId,
            GatewayVersion = info.GatewayVersion,
            ContentType = info.ContentType,
            Headers = info.Headers,
            Taxonomy = ErrorTaxonomy.Upstream,
            ErrorType = "response.failed",
            ErrorCode = response.Error?.Code,
            GatewayMessage = response.Error?.Message,
            Summary = "the response failed" + (response.Error?.Code is { } code ? $" ({code})" : string.Empty),
        }.Redacted(secret);
        return new EzrouterServerException(details) { PartialResponse = response };
    }
}
