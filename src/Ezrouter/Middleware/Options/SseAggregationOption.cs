using Microsoft.Kiota.Abstractions;
using Ezrouter.Http;

namespace Ezrouter.Middleware.Options;

/// <summary>
/// <see cref="SseAggregationHandler"/>'s option, per request. By default a <c>text/event-stream</c> answer is read
/// to the end into the model the call expects; set <see cref="Enabled"/> to false to receive the raw stream (the
/// streaming APIs do). <see cref="EzrouterClient"/>'s clients set <see cref="Surface"/> on every request.
/// </summary>
public sealed class SseAggregationOption : IRequestOption
{
    /// <summary>Whether to read an SSE answer into one result. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The surface the request is for, which decides how its SSE answer is read. Null: taken from the URL (a path
    /// ending in <c>/chat/completions</c> is the OpenAI surface, one ending in <c>/messages</c> the Anthropic one;
    /// any other SSE answer is passed through), for pipelines whose requests do not say.
    /// </summary>
    public EzrouterSurface? Surface { get; set; }

    // Set on the streaming APIs' requests, which read the SSE body themselves. Never changed once built.
    internal static readonly SseAggregationOption RawStream = new() { Enabled = false };
}
