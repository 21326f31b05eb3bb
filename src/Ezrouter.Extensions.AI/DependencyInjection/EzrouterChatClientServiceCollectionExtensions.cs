using System;
using Ezrouter;
using Ezrouter.Extensions.AI;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers an <see cref="IChatClient"/> over the <see cref="EzrouterClient"/> that <c>AddEzrouter</c> registered, with
/// M.E.AI's <c>AddChatClient</c>: the returned <see cref="ChatClientBuilder"/> adds middleware (function invocation,
/// caching, telemetry) the usual way.
/// </summary>
public static class EzrouterChatClientServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IChatClient"/> over the default <see cref="EzrouterClient"/> registration (call <c>AddEzrouter(...)</c> too).</summary>
    public static ChatClientBuilder AddEzrouterChatClient(this IServiceCollection services, string? defaultModel = null, Action<EzrouterChatClientOptions>? configure = null)
    {
        var options = Options(defaultModel, configure);
        return services.AddChatClient(provider => new EzrouterChatClient(provider.GetRequiredService<EzrouterClient>(), options));
    }

    /// <summary>Registers a keyed <see cref="IChatClient"/> over the keyed <see cref="EzrouterClient"/> of <c>AddEzrouter(name, ...)</c>, under the same key.</summary>
    public static ChatClientBuilder AddKeyedEzrouterChatClient(this IServiceCollection services, string name, string? defaultModel = null, Action<EzrouterChatClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = Options(defaultModel, configure);
        return services.AddKeyedChatClient(name, provider => new EzrouterChatClient(provider.GetRequiredKeyedService<EzrouterClient>(name), options));
    }

    private static EzrouterChatClientOptions Options(string? defaultModel, Action<EzrouterChatClientOptions>? configure)
    {
        var options = new EzrouterChatClientOptions { DefaultModelId = defaultModel };
        configure?.Invoke(options);
        return options;
    }
}
