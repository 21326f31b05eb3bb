using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ezrouter.Http;

namespace Ezrouter.Diagnostics;

/// <summary>
/// The names the SDK's telemetry is published under, for <c>AddSource</c> and <c>AddMeter</c>. Spans and metrics
/// follow the OpenTelemetry GenAI semantic conventions: a Client span per call named <c>{operation} {model}</c>
/// (<c>chat</c> for chat completions and messages, <c>list_models</c> for the catalog), and the histograms
/// <c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c> and
/// <c>gen_ai.client.operation.time_to_first_chunk</c>. Nothing is built when nothing listens.
/// </summary>
public static class EzrouterTelemetry
{
    /// <summary>The <see cref="ActivitySource"/>'s name: <c>Ezrouter</c>.</summary>
    public const string ActivitySourceName = "Ezrouter";

    /// <summary>The <see cref="Meter"/>'s name: <c>Ezrouter</c>.</summary>
    public const string MeterName = "Ezrouter";

    /// <summary>
    /// The value of <c>gen_ai.provider.name</c>: <c>ezrouter</c>. The gateway is the provider the SDK talks to,
    /// whichever upstream (OpenAI, Anthropic, ...) serves the model; <c>ezrouter.surface</c> says which of its two
    /// wire formats the call used.
    /// </summary>
    public const string ProviderName = "ezrouter";

    internal static readonly ActivitySource Source = new(ActivitySourceName, EzrouterClientFactory.Version);
    internal static readonly Meter Meter = new(MeterName, EzrouterClientFactory.Version);

    // Bucket boundaries are the conventions' advice for each instrument.
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    internal static readonly Histogram<long> TokenUsage = Meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.", tags: null,
        new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    internal static readonly Histogram<double> TimeToFirstChunk = Meter.CreateHistogram(
        "gen_ai.client.operation.time_to_first_chunk", "s", "Time from the start of a streaming call to its first chunk.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    /// <summary>True when a span or any instrument would be recorded: the one check a call makes when nothing listens.</summary>
    internal static bool Listening => Source.HasListeners() || Duration.Enabled || TokenUsage.Enabled || TimeToFirstChunk.Enabled;

    internal static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
