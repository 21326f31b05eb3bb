using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using Ezrouter;
using Ezrouter.DependencyInjection;
using Ezrouter.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// The ecosystem's Add* methods live in this namespace, so `services.AddEzrouter(...)` needs no using of ours.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="EzrouterClient"/> with dependency injection, over <see cref="IHttpClientFactory"/>.
/// </summary>
/// <remarks>
/// Each registration is a named HTTP client (<see cref="HttpClientName"/>) whose handlers are the SDK's chain
/// (<see cref="EzrouterClientFactory.CreateHandlers(EzrouterClientOptions, Action{string}?, TimeSpan?)"/>, outermost
/// first) followed by any the caller adds to the returned <see cref="IHttpClientBuilder"/> (they run innermost, once
/// per attempt), over a primary handler built from the options (<see cref="EzrouterClientOptions.Transport"/>, or the
/// SDK's <c>SocketsHttpHandler</c>; replace it with <c>ConfigurePrimaryHttpMessageHandler</c>). The client is a
/// singleton that takes the factory's current chain on every request, so handler rotation still applies. Options are
/// validated when the host starts (<c>ValidateOnStart</c>): a value configuration cannot read, a missing key or a base
/// URL that is not absolute http(s) fails start-up with the option's name.
/// </remarks>
public static class EzrouterServiceCollectionExtensions
{
    /// <summary>The IHttpClientFactory name of a registration: <c>Ezrouter</c>, or <c>Ezrouter:{name}</c> for a keyed one.</summary>
    public static string HttpClientName(string? name = null) => string.IsNullOrEmpty(name) ? "Ezrouter" : "Ezrouter:" + name;

    /// <summary>Registers <see cref="EzrouterClient"/> with options read from <paramref name="configuration"/> (e.g. <c>Configuration.GetSection("Ezrouter")</c>).</summary>
    /// <returns>The named HTTP client's builder, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddEzrouter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Add(services, Options.Options.DefaultName, configuration, configure: null);
    }

    /// <summary>Registers <see cref="EzrouterClient"/> with options set in code.</summary>
    /// <returns>The named HTTP client's builder, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddEzrouter(this IServiceCollection services, Action<EzrouterClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, Options.Options.DefaultName, configuration: null, configure);
    }

    /// <summary>
    /// Registers a keyed <see cref="EzrouterClient"/> (resolve it with <c>GetRequiredKeyedService&lt;EzrouterClient&gt;(name)</c>
    /// or <c>[FromKeyedServices(name)]</c>), for several gateways in one application, with options from configuration.
    /// </summary>
    public static IHttpClientBuilder AddEzrouter(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return Add(services, name, configuration, configure: null);
    }

    /// <summary>Registers a keyed <see cref="EzrouterClient"/> with options set in code.</summary>
    public static IHttpClientBuilder AddEzrouter(this IServiceCollection services, string name, Action<EzrouterClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, name, configuration: null, configure);
    }

    private static IHttpClientBuilder Add(IServiceCollection services, string name, IConfiguration? configuration, Action<EzrouterClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var httpClientName = HttpClientName(name);
        var optionsBuilder = services.AddOptions<EzrouterClientOptions>(name);
        // Invalid values are skipped here and reported, with their configuration path, by the validator at start.
        if (configuration is not null) optionsBuilder.Configure(options => EzrouterConfigurationReader.Apply(configuration, options));
        if (configure is not null) optionsBuilder.Configure(configure);
        // The container's logging, unless the caller set a factory of their own.
        optionsBuilder.Configure<IServiceProvider>((options, provider) =>
        {
            if (options.LoggerFactory is null or NullLoggerFactory && provider.GetService<ILoggerFactory>() is { } loggerFactory) options.LoggerFactory = loggerFactory;
        });
        optionsBuilder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<EzrouterClientOptions>>(new EzrouterOptionsValidator(name, configuration));

        // A second call for the same name adds its configuration only: a second pipeline on the same named client
        // would stack every handler twice (retries squared), and the client registered first stays the one resolved.
        if (services.Any(d => d.ServiceType == typeof(Registered) && d.ImplementationInstance is Registered r && r.Name == name))
            return services.AddHttpClient(httpClientName);
        services.AddSingleton(new Registered(name));

        var state = new EzrouterPipelineState();
        var builder = services.AddHttpClient(httpClientName);
        // The pipeline's own limits apply; HttpClient's 100 s would cut long generations (for callers who take the
        // named client from the factory themselves).
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.ConfigurePrimaryHttpMessageHandler(provider => EzrouterClientFactory.CreatePrimaryHandler(OptionsFor(provider, name)));
        builder.ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
        {
            var options = OptionsFor(provider, name);
            var connectLimit = options.Transport is null ? options.Timeouts.Connect : null;
            var ours = EzrouterClientFactory.CreateHandlers(options, state.OnGatewayVersion, connectLimit, state.Limiter(options), state.Pacer(options));
            // Ours first (outermost), whatever was added before this runs; the caller's own follow, innermost.
            for (var i = 0; i < ours.Count; i++) handlers.Insert(i, ours[i]);
        });

        if (name.Length == 0) services.TryAddSingleton(provider => Create(provider, name, httpClientName, state));
        else services.TryAddKeyedSingleton(name, (provider, _) => Create(provider, name, httpClientName, state));
        return builder;
    }

    // Marks a name whose pipeline is registered.
    private sealed record Registered(string Name);

    private static EzrouterClientOptions OptionsFor(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IOptionsMonitor<EzrouterClientOptions>>().Get(name);

    private static EzrouterClient Create(IServiceProvider provider, string name, string httpClientName, EzrouterPipelineState state)
    {
        var handlers = provider.GetRequiredService<IHttpMessageHandlerFactory>();
        return new EzrouterClient(OptionsFor(provider, name), (_, onGatewayVersion) =>
        {
            state.ListenForGatewayVersion(onGatewayVersion);
            return new HttpClient(new FactoryHandler(handlers, httpClientName), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        });
    }
}
