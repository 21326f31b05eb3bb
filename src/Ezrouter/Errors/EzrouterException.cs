using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter;

/// <summary>
/// The one base type of every error this SDK raises for a gateway call. It derives from Kiota's
/// <see cref="ApiException"/>, so code written against the generated clients catches it too.
/// Subtypes exist only where a caller handles the case differently (authentication, quota, a missing model, ...).
/// </summary>
public class EzrouterException : ApiException
{
    /// <summary>The largest raw body kept on an exception, in characters.</summary>
    public const int MaxRawBodyLength = 16 * 1024;

    /// <summary>
    /// The most characters kept of <see cref="Exception.Message"/> and of each text in <see cref="Details"/>
    /// (<see cref="GatewayMessage"/>, the summary, ...): past it, the text is cut and ends with
    /// <c>… [cut: N chars]</c>, so a huge message in an error frame does not become a huge exception.
    /// </summary>
    public const int MaxMessageLength = 8 * 1024;

    /// <summary>
    /// Creates an exception from the details read off a failed response. Every text and header value of
    /// <paramref name="details"/> is kept with the API key (of any live client) and any <c>Bearer</c>/<c>x-api-key</c>
    /// secret redacted, and cut to <see cref="MaxMessageLength"/> (docs/gateway-behavior.md §1).
    /// </summary>
    public EzrouterException(EzrouterErrorDetails details, Exception? innerException = null)
        : this((details ?? throw new ArgumentNullException(nameof(details))).Redacted(null), innerException, redacted: true)
    {
    }

    // The one place every exception of the SDK passes: whatever a call site forgot, nothing kept shows a known key.
#pragma warning disable IDE0060 // 'redacted' only tells this constructor from the public one.
    private EzrouterException(EzrouterErrorDetails details, Exception? innerException, bool redacted)
#pragma warning restore IDE0060
        : base(details.ToMessage(), innerException!)
    {
        Details = details;
        ResponseStatusCode = details.StatusCode;
        ResponseHeaders = details.Headers;
    }

    /// <summary>Everything read off the response, for callers that want it in one piece.</summary>
    public EzrouterErrorDetails Details { get; }

    /// <summary>The HTTP status; 0 when no response arrived; 200 for an error sent inside a successful response or stream.</summary>
    public int StatusCode => Details.StatusCode;

    /// <summary>Which error vocabulary the body used.</summary>
    public ErrorTaxonomy Taxonomy => Details.Taxonomy;

    /// <summary><c>error.type</c> as sent (e.g. <c>new_api_error</c>, <c>overloaded_error</c>, even <c>"&lt;nil&gt;"</c>).</summary>
    public string? ErrorType => Details.ErrorType;

    /// <summary><c>error.code</c> as text: the gateway sends a string, a number or null.</summary>
    public string? ErrorCode => Details.ErrorCode;

    /// <summary><c>error.param</c>, when the gateway names the offending parameter.</summary>
    public string? Param => Details.Param;

    /// <summary>
    /// The error message with the gateway's <c>(request id: …)</c> suffixes removed, the key redacted, and at most
    /// <see cref="MaxMessageLength"/> characters (marked when cut).
    /// </summary>
    public string? GatewayMessage => Details.GatewayMessage;

    /// <summary>The gateway's request id (the <c>X-Oneapi-Request-Id</c> header, or parsed from the message suffix).</summary>
    public string? RequestId => Details.RequestId;

    /// <summary>The gateway build (<c>X-New-Api-Version</c>).</summary>
    public string? GatewayVersion => Details.GatewayVersion;

    /// <summary>How long the server asked to wait (<c>retry-after-ms</c> or <c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;

    /// <summary>The rate limits the gateway reported on the failed response (tier, requests left, reset, concurrency); null when it sent none.</summary>
    public EzrouterRateLimit? RateLimit => Details.RateLimit;

    /// <summary>The response body as received, cut at <see cref="MaxRawBodyLength"/> characters, with the API key redacted.</summary>
    public string? RawBody => Details.RawBody;

    /// <summary>How many times the request was retried before this error was final.</summary>
    public int RetryCount { get; internal set; }

    /// <summary>
    /// What arrived before the failure, in the gateway's wire shape as the generated models hold it: a partial
    /// <c>CreateChatCompletionResponse</c> or <c>Message</c> for a stream; null when nothing arrived.
    /// </summary>
    public IParsable? PartialResponse { get; internal set; }

    /// <summary>
    /// The type, the message and the inner exception's type and message, with the key redacted from the inner message
    /// too (a platform exception may quote an invalid header line holding it). <see cref="Exception.InnerException"/>
    /// itself is the platform's, kept as thrown.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(GetType().FullName).Append(": ").Append(Message);
        if (InnerException is not null)
            text.Append(" ---> ").Append(InnerException.GetType().FullName).Append(": ").Append(EzrouterErrorDetails.Capped(InnerException.Message, null));
        if (StackTrace is not null) text.Append(Environment.NewLine).Append(StackTrace);
        return text.ToString();
    }
}
