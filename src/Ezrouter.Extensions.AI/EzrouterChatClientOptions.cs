using System;

namespace Ezrouter.Extensions.AI;

/// <summary>Settings for an <see cref="EzrouterChatClient"/>.</summary>
public sealed class EzrouterChatClientOptions
{
    private int _defaultMaxOutputTokens = 4096;

    /// <summary>The model used when <c>ChatOptions.ModelId</c> is not set.</summary>
    public string? DefaultModelId { get; set; }

    /// <summary>Which surface to send to; <see cref="EzrouterChatRoute.Auto"/> (the default) asks the catalog.</summary>
    public EzrouterChatRoute Route { get; set; } = EzrouterChatRoute.Auto;

    /// <summary>
    /// <c>max_tokens</c> on the Anthropic surface when <c>ChatOptions.MaxOutputTokens</c> is not set: the surface
    /// requires it. Default 4096. (The OpenAI surface sends nothing when it is not set.)
    /// </summary>
    public int DefaultMaxOutputTokens
    {
        get => _defaultMaxOutputTokens;
        set => _defaultMaxOutputTokens = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(DefaultMaxOutputTokens), value, "Must be more than zero.");
    }

    internal EzrouterChatClientOptions Clone() => new() { DefaultModelId = DefaultModelId, Route = Route, _defaultMaxOutputTokens = _defaultMaxOutputTokens };
}
