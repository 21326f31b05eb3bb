using System;
using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Responses;

/// <summary>
/// One rule for a failed response, however it arrived (docs/gateway-behavior.md §22): a whole JSON response with
/// <c>status: failed</c> (HTTP 200), a JSON answer to a stream request that says so, or a stream's
/// <c>response.failed</c> event. Each raises the exception its <c>error.code</c> picks here, with
/// <see cref="EzrouterException.ErrorType"/> <c>response.failed</c>, the HTTP status as received, the rate limits, and
/// the response (or, for a stream, everything it built) as <see cref="EzrouterException.PartialResponse"/>. Never a
/// success. An <c>error</c> event is not a failed response: it stays an <see cref="EzrouterStreamException"/>, as an
/// error inside a chat or messages stream does.
/// </summary>
internal static class ResponseFailure
{
    /// <summary>The <c>error.type</c> every failed response is raised with.</summary>
    public const string ErrorType = "response.failed";

    /// <summary>The exception for a whole response that failed; null when it did not.</summary>
    public static EzrouterException? Check(ModelResponse response, EzrouterResponseInfo info, string? secret)
    {
        if (response.Status != "failed") return null;
        var metadata = new EzrouterErrorDetails
        {
            StatusCode = info.StatusCode,
            RequestId = info.RequestId,
            GatewayVersion = info.GatewayVersion,
            ContentType = info.ContentType,
            Headers = info.Headers,
            RateLimit = info.RateLimit,
        };
        return Create(metadata, response.Error, response, secret);
    }

    /// <summary>
    /// The exception for a failed response: <paramref name="metadata"/> (the response's status and headers) with the
    /// failure's code and message, typed by <see cref="Classify"/>, carrying <paramref name="partial"/>.
    /// </summary>
    public static EzrouterException Create(EzrouterErrorDetails metadata, ResponseError? error, IParsable? partial, string? secret)
    {
        var details = (metadata with
        {
            Taxonomy = ErrorTaxonomy.Upstream,
            ErrorType = ErrorType,
            ErrorCode = error?.Code,
            GatewayMessage = error?.Message,
            Summary = "the response failed" + (error?.Code is { Length: > 0 } code ? $" ({code})" : string.Empty),
        }).Redacted(secret);
        var exception = Classify(details);
        exception.PartialResponse = partial;
        return exception;
    }

    /// <summary>
    /// The type for a failed response's <c>error.code</c>: the Responses API's own codes, and the overload and
    /// rate-limit types a gateway converting from another surface may put there. Anything else, or no code, is the
    /// upstream's own failure.
    /// </summary>
    internal static EzrouterException Classify(EzrouterErrorDetails details) => details.ErrorCode switch
    {
        "rate_limit_exceeded" or "rate_limit_error" => new EzrouterRateLimitException(details),
        "overloaded_error" => new EzrouterOverloadedException(details),
        "vector_store_timeout" => new EzrouterUpstreamUnavailableException(details),
        "model_not_found" => new EzrouterModelNotFoundException(details),
        // invalid_prompt, invalid_image*, image_too_large, unsupported_image_media_type, ...: the input was refused.
        { } code when code.StartsWith("invalid_", StringComparison.Ordinal) || code.Contains("image", StringComparison.Ordinal)
            => new EzrouterInvalidRequestException(details),
        _ => new EzrouterServerException(details),
    };
}
