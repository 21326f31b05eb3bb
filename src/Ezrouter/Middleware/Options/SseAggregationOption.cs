using System;
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
    public bool Enabled { get => _enabled; set => _enabled = Unfrozen(value); }

    /// <summary>
    /// The surface the request is for, which decides how its SSE answer is read. Null: taken from the URL (a path
    /// ending in <c>/chat/completions</c> is the OpenAI surface, one ending in <c>/messages</c> the Anthropic one, one
    /// ending in <c>/responses</c> the Responses API;
    /// any other SSE answer is passed through), for pipelines whose requests do not say.
    /// </summary>
    public EzrouterSurface? Surface { get => _surface; set => _surface = Unfrozen(value); }

    private bool _enabled = true;
    private EzrouterSurface? _surface;
    private bool _frozen;

    // Set on the streaming APIs' requests, which read the SSE body themselves.
    internal static readonly SseAggregationOption RawStream = new SseAggregationOption { Enabled = false }.Freeze();

    /// <summary>
    /// Makes a shared instance read-only: the client stamps one instance on many requests, and request options are
    /// reachable from the request message, so a handler or transport changing it would change every later call.
    /// </summary>
    internal SseAggregationOption Freeze()
    {
        _frozen = true;
        return this;
    }

    private T Unfrozen<T>(T value) => _frozen
        ? throw new InvalidOperationException("This SseAggregationOption is shared by the client's requests and cannot be changed; add a new one to the request instead.")
        : value;
}
