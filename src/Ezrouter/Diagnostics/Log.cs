using System;
using Microsoft.Extensions.Logging;

namespace Ezrouter.Diagnostics;

// Source-generated log methods, one class per area (the generator emits no reflection: trim- and AOT-safe). Every
// value passed in is a count, a duration, a type name or a value already cleaned of the key
// (ClientDiagnostics.Clean); no message text, header or body goes into a log line.

/// <summary>How calls ended, and the limits that cut them.</summary>
internal static partial class CallLog
{
    [LoggerMessage(EventId = 1, EventName = "CallCompleted", Level = LogLevel.Debug,
        Message = "{Operation} {Model} ({Surface}) completed in {ElapsedMs:0.#} ms, {Retries} retries, request id {RequestId}")]
    public static partial void Completed(ILogger logger, string operation, string? model, string? surface, double elapsedMs, int retries, string? requestId);

    [LoggerMessage(EventId = 2, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "{Operation} {Model} ({Surface}) failed after {ElapsedMs:0.#} ms: {ErrorType}, status {StatusCode}, {Retries} retries, request id {RequestId}")]
    public static partial void Failed(ILogger logger, string operation, string? model, string? surface, double elapsedMs, string errorType, int statusCode, int retries, string? requestId);

    [LoggerMessage(EventId = 3, EventName = "CallTimedOut", Level = LogLevel.Warning,
        Message = "The {Kind} time limit of {LimitSeconds:0.###} s cut the call, request id {RequestId}")]
    public static partial void TimedOut(ILogger logger, TimeoutKind kind, double limitSeconds, string? requestId);

    // The caller's own token: not a failure of the gateway or the SDK, so not a warning.
    [LoggerMessage(EventId = 4, EventName = "CallCancelled", Level = LogLevel.Information,
        Message = "{Operation} {Model} ({Surface}) was cancelled by the caller after {ElapsedMs:0.#} ms, request id {RequestId}")]
    public static partial void Cancelled(ILogger logger, string operation, string? model, string? surface, double elapsedMs, string? requestId);
}

/// <summary>How streams ended.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(EventId = 10, EventName = "StreamCompleted", Level = LogLevel.Debug,
        Message = "Stream {Model} ({Surface}) completed in {ElapsedMs:0.#} ms, first chunk after {FirstChunkMs:0.#} ms, request id {RequestId}")]
    public static partial void Completed(ILogger logger, string? model, string? surface, double elapsedMs, double? firstChunkMs, string? requestId);

    [LoggerMessage(EventId = 11, EventName = "StreamTruncated", Level = LogLevel.Warning,
        Message = "Stream {Model} ({Surface}) was truncated after {ElapsedMs:0.#} ms: {ErrorType}, request id {RequestId}")]
    public static partial void Truncated(ILogger logger, string? model, string? surface, double elapsedMs, string errorType, string? requestId);

    [LoggerMessage(EventId = 12, EventName = "StreamFailed", Level = LogLevel.Warning,
        Message = "Stream {Model} ({Surface}) ended in an error after {ElapsedMs:0.#} ms: {ErrorType}, status {StatusCode}, request id {RequestId}")]
    public static partial void Failed(ILogger logger, string? model, string? surface, double elapsedMs, string errorType, int statusCode, string? requestId);

    [LoggerMessage(EventId = 13, EventName = "StreamAbandoned", Level = LogLevel.Information,
        Message = "Stream {Model} ({Surface}) was left by the caller after {ElapsedMs:0.#} ms, before its end, request id {RequestId}")]
    public static partial void Abandoned(ILogger logger, string? model, string? surface, double elapsedMs, string? requestId);

    [LoggerMessage(EventId = 14, EventName = "StreamCancelled", Level = LogLevel.Information,
        Message = "Stream {Model} ({Surface}) was cancelled by the caller after {ElapsedMs:0.#} ms, request id {RequestId}")]
    public static partial void Cancelled(ILogger logger, string? model, string? surface, double elapsedMs, string? requestId);
}

/// <summary>Retries and the waits before them.</summary>
internal static partial class RetryLog
{
    [LoggerMessage(EventId = 20, EventName = "Retrying", Level = LogLevel.Information,
        Message = "Retry {Retry} after {Reason} (status {StatusCode}), waiting {DelayMs:0.#} ms")]
    public static partial void Retrying(ILogger logger, int retry, string reason, int statusCode, double delayMs);

    /// <summary>One retry: its number, why (the typed failure), and the wait before it.</summary>
    public static void Retrying(ClientDiagnostics? diagnostics, int retry, Exception? failure, TimeSpan delay)
    {
        if (diagnostics is null || !diagnostics.Retries.IsEnabled(LogLevel.Information)) return;
        Retrying(diagnostics.Retries, retry, failure?.GetType().Name ?? "an unsuccessful answer", (failure as EzrouterException)?.StatusCode ?? 0, delay.TotalMilliseconds);
    }
}

/// <summary>The model catalog.</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 30, EventName = "CatalogRefreshed", Level = LogLevel.Information,
        Message = "Model catalog fetched ({Reason}): {Count} models, gateway build {GatewayVersion}")]
    public static partial void Refreshed(ILogger logger, string reason, int count, string? gatewayVersion);
}
