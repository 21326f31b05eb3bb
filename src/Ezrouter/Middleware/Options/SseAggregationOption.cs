using Microsoft.Kiota.Abstractions;

namespace Ezrouter;

/// <summary>
/// Controls <see cref="SseAggregationHandler"/> for one request. By default a <c>text/event-stream</c> answer to a
/// chat-completions or messages call is aggregated into the JSON the generated client expects; set
/// <see cref="Enabled"/> to false to receive the raw stream (the streaming APIs do).
/// </summary>
public sealed class SseAggregationOption : IRequestOption
{
    /// <summary>Whether to aggregate an SSE answer into one JSON body. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
