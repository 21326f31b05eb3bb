using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Http;

namespace Ezrouter;

/// <summary>
/// What the gateway said about one call besides its body: request id, gateway build, status, time to first byte,
/// retries. Add one to a generated call's options (<c>PostAsync(body, c =&gt; c.Options.Add(info))</c>) and read it
/// afterwards; the layer's own results carry one already. Its values are the response's, as sent: unlike an
/// <see cref="EzrouterException"/>, which redacts the API key from every header it keeps, this is the caller's own
/// response, like a successful body (docs/gateway-behavior.md §1), so log it knowing a proxy could echo the key.
/// </summary>
public sealed class EzrouterResponseInfo : IRequestOption
{
    /// <summary>The gateway's request id (<c>X-Oneapi-Request-Id</c>); quote it when reporting a problem.</summary>
    public string? RequestId { get; internal set; }

    /// <summary>The gateway build (<c>X-New-Api-Version</c>); when it changes, the model catalog may have changed.</summary>
    public string? GatewayVersion { get; internal set; }

    /// <summary>The HTTP status of the last attempt.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The response's Content-Type (<c>text/event-stream</c> even for non-stream calls on this gateway).</summary>
    public string? ContentType { get; internal set; }

    /// <summary>From sending the last attempt to its response headers. Rising values mean the gateway is queueing.</summary>
    public TimeSpan? TimeToFirstByte { get; internal set; }

    /// <summary>The rate limits the gateway reported on the last attempt (<c>x-ratelimit-*</c>, <c>x-concurrent-*</c>); null when it sent none.</summary>
    public EzrouterRateLimit? RateLimit { get; internal set; }

    /// <summary>How many retries the call took.</summary>
    public int RetryCount { get; internal set; }

    private HttpResponseMessage? _response;
    private IDictionary<string, IEnumerable<string>>? _headers;

    /// <summary>The response headers of the last attempt (content headers included), copied on first use.</summary>
    public IDictionary<string, IEnumerable<string>> Headers
    {
        get => _headers ??= _response is null
            ? new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase)
            : EzrouterHeaders.HeadersOf(_response);
        internal set => _headers = value;
    }

    /// <summary>Takes what the gateway said from a response; the header dictionary is built only if someone asks.</summary>
    internal void Capture(HttpResponseMessage response, TimeSpan? timeToFirstByte)
    {
        _response = response;
        _headers = null;
        StatusCode = (int)response.StatusCode;
        RequestId = EzrouterHeaders.First(response, EzrouterHeaders.RequestId);
        GatewayVersion = EzrouterHeaders.First(response, EzrouterHeaders.Version);
        ContentType = response.Content.Headers.ContentType?.MediaType;
        RateLimit = EzrouterRateLimit.From(response);
        if (timeToFirstByte is not null) TimeToFirstByte = timeToFirstByte;
    }

    /// <summary>
    /// What an error raised about this response keeps of it (status, ids, type, headers, rate limits), with
    /// <paramref name="summary"/>, the key redacted: the one place an exception is built from a response's metadata.
    /// </summary>
    internal EzrouterErrorDetails ToErrorDetails(string summary, string? secret) => new EzrouterErrorDetails
    {
        StatusCode = StatusCode,
        RequestId = RequestId,
        GatewayVersion = GatewayVersion,
        ContentType = ContentType,
        Headers = Headers,
        RateLimit = RateLimit,
        Summary = summary,
    }.Redacted(secret);
}
