using System;

namespace Ezrouter.Testing;

/// <summary>Options for <see cref="RecordedGateway.StartRecordingAsync(RecordingOptions, System.Threading.CancellationToken)"/>.</summary>
public sealed class RecordingOptions
{
    /// <summary>Name of the environment variable <see cref="ApiKey"/> defaults to.</summary>
    public const string ApiKeyEnvironmentVariable = "EZROUTER_API_KEY";

    /// <summary>The gateway to forward to, e.g. <c>https://www.ezrouter.dev/</c>; its path, if any, prefixes every request path.</summary>
    public required Uri UpstreamBaseUrl { get; set; }

    /// <summary>Where to write one cassette file per exchange; created if missing.</summary>
    public required string OutputDirectory { get; set; }

    /// <summary>
    /// The key added to forwarded requests that carry none (<c>Authorization: Bearer</c> on <c>/v1</c> paths,
    /// <c>x-api-key</c> on <c>/anthropic</c> paths). Defaults to the <c>EZROUTER_API_KEY</c> environment variable.
    /// It is replaced by <c>REDACTED</c> wherever it appears in what is written.
    /// </summary>
    public string? ApiKey { get; set; } = Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);

    /// <summary>
    /// Whether to drop the client's own <c>Authorization</c>/<c>x-api-key</c> and always send <see cref="ApiKey"/>,
    /// so an SDK configured with a dummy key can record. Defaults to false.
    /// </summary>
    public bool ReplaceClientCredentials { get; set; }

    /// <summary>The loopback port to listen on; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>How long one upstream exchange may take, streaming included. Defaults to 10 minutes.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
