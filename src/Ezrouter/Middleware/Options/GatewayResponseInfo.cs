using System;
using System.Collections.Generic;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter;

/// <summary>
/// What the gateway said about one call besides its body: request id, gateway build, status, time to first byte,
/// retries. Add one to a generated call's options (<c>PostAsync(body, c =&gt; c.Options.Add(info))</c>) and read it
/// afterwards; the layer's own results carry one already.
/// </summary>
public sealed class GatewayResponseInfo : IRequestOption
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

    /// <summary>How many retries the call took.</summary>
    public int RetryCount { get; internal set; }

    /// <summary>The response headers of the last attempt (content headers included).</summary>
    public IDictionary<string, IEnumerable<string>> Headers { get; internal set; } = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
}
