using Ezrouter.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Ezrouter.Extensions.AI.Tests.DependencyInjection;

/// <summary>AddEzrouter and AddEzrouterChatClient: resolution, configuration, start-up validation, keyed gateways, the HTTP client factory.</summary>
public sealed class AddEzrouterTests : IAsyncLifetime
{
    private RecordedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private IConfiguration Configuration(params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["Ezrouter:ApiKey"] = "sk-di-test",
            ["Ezrouter:BaseUrl"] = _gateway.BaseUrl.ToString(),
            ["Ezrouter:Retry:MaxRetries"] = "0",
        };
        foreach (var (key, value) in extra) values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    [Fact]
    public async Task ClientAndChatClientResolveFromConfigurationAndAnswer()
    {
        var services = new ServiceCollection();
        services.AddEzrouter(Configuration(("Ezrouter:Timeouts:Total", "00:02:00")).GetSection("Ezrouter"));
        services.AddEzrouterChatClient("claude-sonnet-4-6").UseFunctionInvocation();
        await using var provider = services.BuildServiceProvider();
        ValidateAtStart(provider);

        var client = provider.GetRequiredService<EzrouterClient>();
        var options = provider.GetRequiredService<IOptionsMonitor<EzrouterClientOptions>>().CurrentValue;
        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Count to five.");

        Assert.Same(client, provider.GetRequiredService<EzrouterClient>());
        Assert.Equal(TimeSpan.FromMinutes(2), options.Timeouts.Total);
        Assert.Equal(0, options.Retry.MaxRetries);
        Assert.False(string.IsNullOrEmpty(response.Text));
        // The gateway got the key (its log shows it redacted).
        Assert.Equal("REDACTED", _gateway.Requests[^1].Headers["Authorization"]);
        Assert.Same(client, provider.GetRequiredService<IChatClient>().GetService<EzrouterClient>());
    }

    [Fact]
    public async Task TheProfileAndUserAgentAreReadFromConfiguration()
    {
        var services = new ServiceCollection();
        services.AddEzrouter(Configuration(("Ezrouter:Profile", "EzAI"), ("Ezrouter:UserAgent", "EzAI/1.0")).GetSection("Ezrouter"));
        await using var provider = services.BuildServiceProvider();
        ValidateAtStart(provider);

        var options = provider.GetRequiredService<IOptionsMonitor<EzrouterClientOptions>>().CurrentValue;

        Assert.Same(Ezrouter.Profiles.GatewayProfile.EzAi, options.Profile);
        Assert.Equal("EzAI/1.0", options.UserAgent);
        Assert.Equal(_gateway.BaseUrl, options.BaseUrl);
    }

    [Theory]
    [InlineData("Ezrouter:BaseUrl", "not a url", "Ezrouter:BaseUrl")]
    [InlineData("Ezrouter:Timeouts:Total", "-00:00:05", "Ezrouter:Timeouts:Total")]
    [InlineData("Ezrouter:Retry:MaxRetries", "eleven", "Ezrouter:Retry:MaxRetries")]
    [InlineData("Ezrouter:Timeouts:Totl", "00:00:05", "Ezrouter:Timeouts:Totl")]
    [InlineData("Ezrouter:ApiKey", "", "ApiKey")]
    [InlineData("Ezrouter:Profile", "openai", "Ezrouter:Profile")]
    [InlineData("Ezrouter:RateLimitPacing:MaxConcurrentRequests", "0", "Ezrouter:RateLimitPacing:MaxConcurrentRequests")]
    [InlineData("Ezrouter:RateLimitPacing:Enabled", "sometimes", "Ezrouter:RateLimitPacing:Enabled")]
    public async Task BadConfigurationFailsAtStartNamingTheOption(string key, string value, string named)
    {
        var services = new ServiceCollection();
        services.AddEzrouter(Configuration((key, value)).GetSection("Ezrouter"));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => ValidateAtStart(provider));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task PlainHttpToAnotherHostFailsAtStart()
    {
        var services = new ServiceCollection();
        services.AddEzrouter(o => { o.ApiKey = "sk-di-test"; o.BaseUrl = new Uri("http://gateway.example"); });
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => ValidateAtStart(provider));

        Assert.Contains("BaseUrl", error.Message);
    }

    [Fact]
    public async Task KeyedRegistrationsAreSeparateGateways()
    {
        await using var other = await RecordedGateway.StartAsync();
        var services = new ServiceCollection();
        services.AddEzrouter("primary", o => { o.ApiKey = "sk-one"; o.BaseUrl = _gateway.BaseUrl; });
        services.AddEzrouter("backup", o => { o.ApiKey = "sk-two"; o.BaseUrl = other.BaseUrl; });
        services.AddKeyedEzrouterChatClient("backup", "kimi-k2.6");
        await using var provider = services.BuildServiceProvider();
        ValidateAtStart(provider);

        var primary = provider.GetRequiredKeyedService<EzrouterClient>("primary");
        var backup = provider.GetRequiredKeyedService<EzrouterClient>("backup");
        await provider.GetRequiredKeyedService<IChatClient>("backup").GetResponseAsync("Hi");

        Assert.NotSame(primary, backup);
        Assert.Null(provider.GetService<EzrouterClient>());
        Assert.Empty(_gateway.Requests);
        Assert.NotEmpty(other.Requests);
    }

    [Fact]
    public async Task ASecondAddEzrouterForTheSameNameAddsConfigurationNotASecondPipeline()
    {
        // A retried 502: with the pipeline stacked twice, one call would be sent (1 + 1) * (1 + 1) = 4 times.
        var sent = new List<string>();
        var services = new ServiceCollection();
        services.AddEzrouter(Configuration(("Ezrouter:Retry:MaxRetries", "1")).GetSection("Ezrouter")).AddHttpMessageHandler(() => new Recording(sent));
        services.AddEzrouter(o => { o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1); o.Retry.MaxDelay = TimeSpan.FromMilliseconds(1); });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<EzrouterClient>();

        await Assert.ThrowsAnyAsync<EzrouterException>(() => client.AsIChatClient("error-502-non-json-upstream").GetResponseAsync("Hi"));

        Assert.Equal(2, sent.Count(path => path == "/v1/chat/completions"));
        Assert.Single(provider.GetServices<EzrouterClient>());
    }

    [Fact]
    public async Task CallerHandlerSeesEveryRequestAndEachRequestTakesTheFactorysCurrentChain()
    {
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddEzrouter(o => { o.ApiKey = "sk-di-test"; o.BaseUrl = _gateway.BaseUrl; o.Retry.MaxRetries = 0; })
            .AddHttpMessageHandler(() => new Recording(seen));
        // Counts the chains the factory hands out, in front of the factory AddHttpClient registered.
        CountingHandlerFactory? handlers = null;
        services.AddSingleton<IHttpMessageHandlerFactory>(sp => handlers = new CountingHandlerFactory((IHttpMessageHandlerFactory)sp.GetRequiredService<IHttpClientFactory>()));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<EzrouterClient>();

        await client.AsIChatClient("kimi-k2.6").GetResponseAsync("Hi");
        await client.AsIChatClient("kimi-k2.6").GetResponseAsync("Hi again");

        // The catalog, then two chats: every request through the caller's handler, each on a chain the factory handed out.
        Assert.Equal(["/v1/models", "/v1/chat/completions", "/v1/chat/completions"], seen);
        Assert.Equal(3, handlers!.Created);
    }

    [Fact]
    public void HttpClientConstructorKeepsTheSdkPipelineInFrontOfTheCallersClient()
    {
        using var http = new HttpClient();
        var options = new EzrouterClientOptions { ApiKey = "sk", Transport = new HttpClientHandler() };

        Assert.Throws<ArgumentException>(() => new EzrouterClient(http, options));
    }

    [Fact]
    public async Task HttpClientConstructorSendsThroughTheCallersHandlersWithTypedErrors()
    {
        var seen = new List<string>();
        using var http = new HttpClient(new Recording(seen) { InnerHandler = new SocketsHttpHandler() });
        var options = new EzrouterClientOptions { ApiKey = "sk-http", BaseUrl = _gateway.BaseUrl };
        options.Retry.MaxRetries = 0;
        using var client = new EzrouterClient(http, options);

        var answer = await client.AsIChatClient("kimi-k2.6").GetResponseAsync("Hi");
        await Assert.ThrowsAnyAsync<EzrouterException>(() => client.AsIChatClient("error-502-non-json-upstream").GetResponseAsync("Hi"));

        Assert.False(string.IsNullOrEmpty(answer.Text));
        Assert.Contains("/v1/chat/completions", seen);
        Assert.NotNull(client.LastGatewayVersion);
    }

    private static void ValidateAtStart(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    private sealed class Recording(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen) seen.Add(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CountingHandlerFactory(IHttpMessageHandlerFactory inner) : IHttpMessageHandlerFactory
    {
        public int Created;

        public HttpMessageHandler CreateHandler(string name)
        {
            Interlocked.Increment(ref Created);
            return inner.CreateHandler(name);
        }
    }
}
