using System;
using Ezrouter.Extensions.AI;
using Microsoft.Extensions.AI;

namespace Ezrouter;

/// <summary>The <see cref="IChatClient"/> view of an <see cref="EzrouterClient"/>.</summary>
public static class EzrouterChatClientExtensions
{
    /// <summary>
    /// An <see cref="IChatClient"/> over <paramref name="client"/> (which stays the caller's to dispose), sending
    /// <paramref name="defaultModel"/> unless <c>ChatOptions.ModelId</c> says otherwise, routed per model
    /// (<see cref="EzrouterChatRoute.Auto"/>).
    /// </summary>
    public static IChatClient AsIChatClient(this EzrouterClient client, string? defaultModel = null) =>
        new EzrouterChatClient(client, new EzrouterChatClientOptions { DefaultModelId = defaultModel });

    /// <summary>An <see cref="IChatClient"/> over <paramref name="client"/> with these options (route, default model, default max tokens).</summary>
    public static IChatClient AsIChatClient(this EzrouterClient client, EzrouterChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EzrouterChatClient(client, options);
    }
}
