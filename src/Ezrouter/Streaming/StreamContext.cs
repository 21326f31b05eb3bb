using System;
using System.Threading;

namespace Ezrouter;

/// <summary>What a stream reader needs to know to raise a useful error: the response's metadata, the limits, the secret to redact.</summary>
internal sealed class StreamContext
{
    public required GatewayResponseInfo Info { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public TimeSpan? Idle { get; init; }
    public TimeSpan? TotalLimit => Cancellation.TotalLimit;
    public required CallCancellation Cancellation { get; init; }
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

    /// <summary>The total limit fired before the response headers arrived.</summary>
    public const string NoResponseInTime = "no response before the total time limit";

    /// <summary>The total limit fired while a non-SSE answer's body was being read.</summary>
    public const string NoAnswerInTime = "the answer did not arrive within the total time limit";

    /// <summary>
    /// The typed timeout when one of the call's limits cut it (whatever the transport threw on the way out); null
    /// when nothing fired or the caller cancelled, so the caller's cancellation stays a plain cancellation.
    /// </summary>
    public EzrouterTimeoutException? LimitExceeded(Exception e, string? totalSummary = null)
    {
        if (e is not (OperationCanceledException or System.IO.IOException or System.Net.Http.HttpRequestException)) return null;
        return Cancellation.Fired switch
        {
            TimeoutKind.Idle => new EzrouterTimeoutException(TimeoutKind.Idle, Idle!.Value, Details($"no stream event for {Idle.Value.TotalSeconds:0.###} s"), e),
            TimeoutKind.Total => new EzrouterTimeoutException(TimeoutKind.Total, TotalLimit!.Value,
                Details(totalSummary ?? $"the stream did not complete within {TotalLimit.Value.TotalSeconds:0.###} s"), e),
            _ => null,
        };
    }

    /// <summary>An error envelope found inside the stream (an event's data), read with the key redacted.</summary>
    public EzrouterErrorDetails? ReadError(ReadOnlySpan<byte> data)
    {
        var details = GatewayErrors.ReadEnvelope(new EzrouterErrorDetails(), data, Secret);
        return details is null ? null : Merge(details with { RawBody = GatewayErrors.RawText(data, Secret) });
    }

    /// <summary>Text from the wire for a message, key redacted, at most 200 characters.</summary>
    public string Excerpt(string raw) => GatewayErrors.Redact(raw.Length > 200 ? raw[..200] : raw, Secret);

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
