using System;
using System.Net.Http;
using System.Threading;
using Ezrouter.Catalog;
using Ezrouter.Chat;
using Ezrouter.Diagnostics;
using Ezrouter.Generated.Anthropic;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Messages;
using Ezrouter.Profiles;
using Ezrouter.Responses;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Http;

namespace Ezrouter;

/// <summary>
/// The one entry point: the generated clients for both gateway surfaces (<see cref="OpenAi"/>,
/// <see cref="Anthropic"/>), each with its own authentication, over one HTTP pipeline that knows this gateway
/// (SSE answers, typed errors, retries, timeouts); plus <see cref="Chat"/>, <see cref="Messages"/>,
/// <see cref="Responses"/> and <see cref="Models"/> for the common calls. Thread-safe; make one and reuse it.
/// </summary>
public class EzrouterClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;
    private readonly string? _baseUrl;
    private readonly string? _anthropicBaseUrl;
    private string? _lastGatewayVersion;

    /// <summary>A client for the default gateway with this API key.</summary>
    public EzrouterClient(string apiKey) : this(new EzrouterClientOptions { ApiKey = RequireKey(apiKey) })
    {
    }

    /// <summary>A client with these options (copied: later changes to <paramref name="options"/> do not apply).</summary>
    public EzrouterClient(EzrouterClientOptions options)
        : this(options, static (snapshot, onGatewayVersion) => EzrouterClientFactory.CreateHttpClient(snapshot, onGatewayVersion))
    {
    }

    /// <summary>
    /// A client that sends through the caller's <paramref name="httpClient"/>, for callers without dependency
    /// injection who manage their own <see cref="HttpClient"/>. The SDK's whole handler chain (retries, timeouts, typed
    /// errors, SSE aggregation) still runs, in front of <paramref name="httpClient"/>, which becomes the transport:
    /// its handlers see every attempt. What the caller's client owns instead: its connect timeout
    /// (<see cref="EzrouterTimeouts.Connect"/> does not apply), redirects (turn them off on its handler: a followed
    /// redirect fails the call, the key may have gone with it), decompression, connection pooling and draining, and its
    /// <see cref="HttpClient.Timeout"/>, which bounds each attempt until the response headers arrive (set it to
    /// <see cref="Timeout.InfiniteTimeSpan"/> to leave every limit to <see cref="EzrouterTimeouts"/>). Its
    /// <c>BaseAddress</c> is not used (<see cref="EzrouterClientOptions.BaseUrl"/> is) and its default request headers
    /// are sent. The client does not dispose <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">The caller's client; not disposed with this one.</param>
    /// <param name="options">The options (copied); <see cref="EzrouterClientOptions.Transport"/> must be null.</param>
    /// <exception cref="ArgumentException"><see cref="EzrouterClientOptions.Transport"/> is set as well.</exception>
    public EzrouterClient(HttpClient httpClient, EzrouterClientOptions options)
        : this(RequireNoTransport(options), PipelineOver(httpClient))
    {
    }

    /// <summary>The one place a client is built: <paramref name="pipeline"/> makes the HTTP pipeline from the copied options.</summary>
    internal EzrouterClient(EzrouterClientOptions options, Func<EzrouterClientOptions, Action<string>, HttpClient> pipeline)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Timeouts, "options.Timeouts");
        ArgumentNullException.ThrowIfNull(options.Retry, "options.Retry");
        ArgumentNullException.ThrowIfNull(options.Limits, "options.Limits");
        var profile = options.Profile ?? GatewayProfile.Ezrouter;
        var snapshot = new EzrouterClientOptions
        {
            Profile = profile,
            UserAgent = options.UserAgent,
            ApiKey = options.ApiKey,
            BaseUrl = options.BaseUrl ?? EzrouterClientOptions.DefaultBaseUrl,
            AnthropicBaseUrl = options.AnthropicBaseUrl,
            AnthropicVersion = options.AnthropicVersion,
            AnthropicBeta = options.AnthropicBeta,
            EndUserId = options.EndUserId,
            Transport = options.Transport,
            Timeouts = options.Timeouts.Clone(),
            Retry = options.Retry.Clone(),
            Limits = options.Limits.Clone(),
            Concurrency = options.Concurrency?.Clone(),
            RateLimitPacing = options.RateLimitPacing?.Clone(),
            AllowInsecureHttp = options.AllowInsecureHttp,
            TimeProvider = options.TimeProvider ?? TimeProvider.System,
            LoggerFactory = options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            CaptureMessageContent = options.CaptureMessageContent,
        };
        // Validate (keys and header values with CR/LF throw) before building anything that needs disposing.
        var openAiAuth = new EzrouterKeyAuthenticationProvider(snapshot.ApiKey, anthropicSurface: false, allowInsecureHttp: snapshot.AllowInsecureHttp);
        var anthropicAuth = new EzrouterKeyAuthenticationProvider(snapshot.ApiKey, anthropicSurface: true, snapshot.AnthropicVersion, snapshot.AnthropicBeta, snapshot.AllowInsecureHttp);
        _ownedHttpClient = pipeline(snapshot, version => Volatile.Write(ref _lastGatewayVersion, version));

        var openAiAdapter = new ConvertingRequestAdapter(openAiAuth, _ownedHttpClient)
        {
            BaseUrl = snapshot.BaseUrl.ToString().TrimEnd('/'),
        };
        var anthropicBase = snapshot.AnthropicBaseUrl?.ToString() ?? profile.AnthropicBaseFor(snapshot.BaseUrl);
        var anthropicAdapter = new ConvertingRequestAdapter(anthropicAuth, _ownedHttpClient)
        {
            BaseUrl = anthropicBase.TrimEnd('/'),
        };

        _baseUrl = openAiAdapter.BaseUrl;
        _anthropicBaseUrl = anthropicAdapter.BaseUrl;
        var diagnostics = ClientDiagnostics.For(snapshot);
        var defaults = new CallDefaults(snapshot.Timeouts, snapshot.TimeProvider, snapshot.ApiKey, _ownedHttpClient, snapshot.Limits, diagnostics) { Profile = profile };
        // Before the generated clients register Kiota's default JSON writer factory: registered here, it needs no probe.
        RequestBodyJsonWriter.RegisterDefault(openAiAdapter.SerializationWriterFactory);
        RequestBodyJsonWriter.RegisterDefault(anthropicAdapter.SerializationWriterFactory);
        var json = new JsonParseNodeFactory();
        var openAiGateway = new EzrouterRequestAdapter(openAiAdapter, json, defaults, EzrouterSurface.OpenAi);
        var anthropicGateway = new EzrouterRequestAdapter(anthropicAdapter, json, defaults, EzrouterSurface.Anthropic);
        OpenAi = new OpenAiClient(openAiGateway);
        Anthropic = new AnthropicClient(anthropicGateway);
        Chat = new ChatCompletionsClient(OpenAi, openAiGateway, openAiAdapter, defaults);
        Messages = new MessagesClient(Anthropic, anthropicGateway, anthropicAdapter, defaults);
        Responses = new ResponsesClient(OpenAi, openAiGateway, openAiAdapter, defaults);
        Models = new ModelCatalog(OpenAi, openAiGateway, () => Volatile.Read(ref _lastGatewayVersion), diagnostics, profile, snapshot.TimeProvider);
        Profile = profile;
    }

    private static EzrouterClientOptions RequireNoTransport(EzrouterClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Two transports would leave it unclear which one sends; the HttpClient is the transport here.
        if (options.Transport is not null)
            throw new ArgumentException("EzrouterClientOptions.Transport must be null when an HttpClient is given: the HttpClient is the transport.", nameof(options));
        return options;
    }

    private static Func<EzrouterClientOptions, Action<string>, HttpClient> PipelineOver(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return (snapshot, onGatewayVersion) => EzrouterClientFactory.CreateHttpClientOver(httpClient, snapshot, onGatewayVersion);
    }

    private static string RequireKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return apiKey;
    }

    /// <summary>For mocking.</summary>
    protected EzrouterClient()
    {
        OpenAi = null!;
        Anthropic = null!;
        Chat = null!;
        Messages = null!;
        Responses = null!;
        Models = null!;
    }

    /// <summary>The generated client for the OpenAI-compatible surface (<c>/v1/...</c>), authenticated with <c>Authorization: Bearer</c>.</summary>
    public virtual OpenAiClient OpenAi { get; }

    /// <summary>The generated client for the Anthropic-compatible surface (<c>/anthropic/v1/...</c>), authenticated with <c>x-api-key</c>.</summary>
    public virtual AnthropicClient Anthropic { get; }

    /// <summary>Chat completions (OpenAI surface), whole or streamed.</summary>
    public virtual ChatCompletionsClient Chat { get; }

    /// <summary>Messages (Anthropic surface), whole or streamed.</summary>
    public virtual MessagesClient Messages { get; }

    /// <summary>The Responses API (OpenAI surface, <c>/v1/responses</c>), whole or streamed, on gateways that serve it.</summary>
    public virtual ResponsesClient Responses { get; }

    /// <summary>The model catalog, cached and refreshed after a gateway redeploy.</summary>
    public virtual ModelCatalog Models { get; }

    /// <summary>The gateway profile the client was built with.</summary>
    public GatewayProfile Profile { get; } = GatewayProfile.Ezrouter;

    /// <summary>The gateway build (<c>X-New-Api-Version</c>) of the most recent response.</summary>
    public string? LastGatewayVersion => Volatile.Read(ref _lastGatewayVersion);

    /// <summary>Releases the HTTP pipeline.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the HTTP pipeline.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _ownedHttpClient?.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"EzrouterClient {{ BaseUrl = {_baseUrl}, AnthropicBaseUrl = {_anthropicBaseUrl} }}";
}
