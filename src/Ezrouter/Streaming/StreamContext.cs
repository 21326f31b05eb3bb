using System;
using System.Threading;

namespace Ezrouter;

/// <summary>What a stream reader needs to know to raise a useful error: the response's metadata, the limits, the secret to redact.</summary>
internal sealed class StreamContext
{
    public required GatewayResponseInfo Info { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public TimeSpan? Idle { get; init; }
    public TimeSpan? TotalLimit { get; init; }
    public CancellationTokenSource? Total { get; init; }
    public string? Secret { get; init; }

    public EzrouterErrorDetails Details(string summary) => new()
    {
        StatusCode = Info.StatusCode,
        RequestId = Info.RequestId,
        GatewayVersion = Info.GatewayVersion,
        ContentType = Info.ContentType,
        Headers = Info.Headers,
        Summary = summary,
    };

    /// <summary>Details from an error envelope found inside the stream, with this response's metadata filled in.</summary>
    public EzrouterErrorDetails Merge(EzrouterErrorDetails fromStream) => fromStream with
    {
        StatusCode = Info.StatusCode,
        RequestId = fromStream.RequestId ?? Info.RequestId,
        GatewayVersion = Info.GatewayVersion,
        ContentType = Info.ContentType,
        Headers = Info.Headers,
    };
}
