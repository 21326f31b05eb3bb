using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ezrouter.Diagnostics;

/// <summary>
/// What one client's calls log and trace with: its loggers (one category per area), whether prompt and completion
/// text may be recorded, and the key to take out of anything recorded. Built once per client from its options; it
/// rides on each call's <see cref="Http.CallScope"/>, so a handler finds the client's logger without a constructor
/// argument.
/// </summary>
internal sealed class ClientDiagnostics
{
    /// <summary>Nothing logged, no content recorded: handlers and calls without a client.</summary>
    public static readonly ClientDiagnostics None = new(NullLoggerFactory.Instance, captureContent: false, secret: null);

    public ClientDiagnostics(ILoggerFactory loggerFactory, bool captureContent, string? secret)
    {
        Calls = loggerFactory.CreateLogger("Ezrouter.Calls");
        Streams = loggerFactory.CreateLogger("Ezrouter.Streaming");
        Retries = loggerFactory.CreateLogger("Ezrouter.Retry");
        Catalog = loggerFactory.CreateLogger("Ezrouter.Catalog");
        CaptureContent = captureContent;
        Secret = secret;
    }

    /// <summary>From a client's options (<see cref="EzrouterClientOptions.LoggerFactory"/>, <see cref="EzrouterClientOptions.CaptureMessageContent"/>).</summary>
    public static ClientDiagnostics For(EzrouterClientOptions options) =>
        new(options.LoggerFactory ?? NullLoggerFactory.Instance, options.CaptureMessageContent, options.ApiKey);

    /// <summary>Calls: how each ended, and the time limits that cut them.</summary>
    public ILogger Calls { get; }

    /// <summary>Streams: how each ended (completed, truncated, error, or left by the caller).</summary>
    public ILogger Streams { get; }

    /// <summary>Retries: each one, with its reason and wait.</summary>
    public ILogger Retries { get; }

    /// <summary>The model catalog's refreshes.</summary>
    public ILogger Catalog { get; }

    /// <summary>True when the caller opted in to prompt and completion text on spans.</summary>
    public bool CaptureContent { get; }

    /// <summary>The API key, taken out of every value recorded.</summary>
    public string? Secret { get; }

    /// <summary>True when a call's end is worth observing for its log lines alone (the cheapest check that says so).</summary>
    public bool LogsCalls => Calls.IsEnabled(LogLevel.Warning) || Streams.IsEnabled(LogLevel.Warning);

    /// <summary>A value from the wire or the caller, for a tag or a log line: the key and any shaped secret taken out.</summary>
    public string? Clean(string? value) => value is null ? null : SecretRedaction.Redact(value, Secret);
}
