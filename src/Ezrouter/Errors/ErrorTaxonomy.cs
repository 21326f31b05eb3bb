namespace Ezrouter;

/// <summary>
/// Which of the gateway's error vocabularies an error came in (docs/gateway-behavior.md §2).
/// </summary>
public enum ErrorTaxonomy
{
    /// <summary>No error envelope could be read: an HTML page from a proxy, an empty or truncated body, a dropped connection.</summary>
    Unknown = 0,

    /// <summary>The gateway's own errors: <c>error.type</c> is <c>new_api_error</c> (or <c>new_api_panic</c>), or a models list with <c>success: false</c>.</summary>
    Gateway,

    /// <summary>
    /// An upstream provider's OpenAI-style error relayed by the gateway (<c>invalid_request_error</c>, <c>upstream_error</c>,
    /// <c>bad_response_status_code</c>, ...), or an upstream error in its provider's own shape: <c>error</c> as a string,
    /// <c>msg</c>, <c>detail</c>, <c>error_msg</c> (docs/gateway-behavior.md §2).
    /// </summary>
    Upstream,

    /// <summary>An Anthropic-shaped error (<c>{"type":"error","error":{...}}</c>) from the Anthropic-compatible surface.</summary>
    Anthropic,
}
