using System;

namespace Ezrouter;

/// <summary>
/// Picks the exception type for an error's details. Classification uses the HTTP status, <c>error.code</c> and
/// <c>error.type</c>; never the message text, which the gateway writes in English or Chinese
/// (docs/gateway-behavior.md §2, §3).
/// </summary>
internal static class ErrorClassifier
{
    /// <summary>The exception type for the details: by status, then code and type.</summary>
    public static EzrouterException Create(EzrouterErrorDetails d, Exception? inner = null)
    {
        var code = d.ErrorCode;
        var type = d.ErrorType;
        if (code == "model_not_found" || type == "model_not_found") return new EzrouterModelNotFoundException(d, inner);
        // The gateway crashed (its recovery middleware): its own fault, whatever status a proxy put on it.
        if (type == "new_api_panic") return new EzrouterServerException(d, inner);
        // A models list with success:false: the gateway could not look up the key's user group (a database
        // failure), so the gateway's own fault, sent with HTTP 200 (docs/gateway-behavior.md §3, §19).
        if (d is { Taxonomy: ErrorTaxonomy.Gateway, ErrorType: null, ErrorCode: null, StatusCode: >= 200 and < 300 }) return new EzrouterServerException(d, inner);
        switch (d.StatusCode)
        {
            case 401: return new EzrouterAuthenticationException(d, inner);
            case 402: return new EzrouterInsufficientQuotaException(d, inner);
            case 403 when code is "insufficient_user_quota" or "pre_consume_token_quota_failed": return new EzrouterInsufficientQuotaException(d, inner);
            case 403: return new EzrouterPermissionException(d, inner);
            case 413: return new EzrouterRequestTooLargeException(d, inner);
            case 429: return new EzrouterRateLimitException(d, inner);
            case 529: return new EzrouterOverloadedException(d, inner);
            case 400 or 404 or 405 or 422: return new EzrouterInvalidRequestException(d, inner);
            case 500 when code == "invalid_request": return new EzrouterInvalidRequestException(d, inner);
            case 500 when code == "do_request_failed": return new EzrouterUpstreamUnavailableException(d, inner);
            // 408: the request timed out before an answer, as a 504 says of the upstream; same type, same retry (§18).
            case 408 or 502 or 503 or 504 or 524: return new EzrouterUpstreamUnavailableException(d, inner);
        }
        return type switch
        {
            "overloaded_error" or "engine_overloaded_error" => new EzrouterOverloadedException(d, inner),
            "authentication_error" => new EzrouterAuthenticationException(d, inner),
            "permission_error" => new EzrouterPermissionException(d, inner),
            "rate_limit_error" => new EzrouterRateLimitException(d, inner),
            "request_too_large" => new EzrouterRequestTooLargeException(d, inner),
            "invalid_request_error" or "invalid_request" or "not_found_error" => new EzrouterInvalidRequestException(d, inner),
            "upstream_error" or "bad_response_status_code" when d.StatusCode >= 500 => new EzrouterUpstreamUnavailableException(d, inner),
            _ when d.Taxonomy == ErrorTaxonomy.Unknown && d.StatusCode == 200 => new EzrouterProtocolException(d, inner),
            // Every status still lands on a type that says what happened, never the bare base type.
            _ => d.StatusCode switch
            {
                >= 300 and < 400 => new EzrouterRedirectException(d, inner),
                >= 400 and < 500 => new EzrouterInvalidRequestException(d, inner),
                >= 500 and < 600 => new EzrouterServerException(d, inner),
                >= 200 and < 300 when d.Taxonomy != ErrorTaxonomy.Unknown => new EzrouterServerException(d, inner),
                _ => new EzrouterProtocolException(d, inner),
            },
        };
    }
}
