using Ezrouter.DependencyInjection;
using Ezrouter.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.DependencyInjection;

/// <summary>
/// The client <c>AddEzrouter</c> registers sends through the caller's transport and reports what the gateway said;
/// the named HttpClient has no 100 s cut; each overload names the argument it refuses.
/// </summary>
public sealed class AddEzrouterPipelineTests
{
    [Fact]
    public async Task TheRegisteredClientSendsThroughTheConfiguredTransportAndSeesTheGatewayBuild()
    {
        var mock = new MockHttpMessageHandler();
        var models = mock.When(HttpMethod.Get, "https://www.ezrouter.dev/v1/models").Respond(_ => TestClients.Json(Payloads.ModelsList));
        var services = new ServiceCollection();
        services.AddEzrouter(o =>
        {
            o.ApiKey = TestClients.ApiKey;
            o.Transport = mock;
            o.Retry.MaxRetries = 0;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<EzrouterClient>();

        var listed = await client.Models.ListAsync();

        Assert.Equal(3, listed.Count);
        Assert.Equal(1, mock.GetMatchCount(models));
        Assert.Equal("v0.9.6", client.LastGatewayVersion);
    }

    [Fact]
    public async Task AConnectTimeoutReportsTheConnectLimitOnlyWhenTheSdkTransportAppliesIt()
    {
        // The caller's own transport applies its own limit, which the SDK cannot know; the SDK's applies Timeouts.Connect
        // (here a primary handler standing in for it, as a caller replacing it through the returned builder does).
        var callersTransport = await ConnectTimeoutOf(o => o.Transport = new ConnectTimingOutHandler());
        var sdkTransport = await ConnectTimeoutOf(_ => { }, builder => builder.ConfigurePrimaryHttpMessageHandler(() => new ConnectTimingOutHandler()));

        Assert.Equal((TimeoutKind.Connect, TimeSpan.Zero), (callersTransport.Kind, callersTransport.Limit));
        Assert.Contains("could not be opened in time", callersTransport.Message, StringComparison.Ordinal);
        Assert.Equal((TimeoutKind.Connect, TimeSpan.FromSeconds(3)), (sdkTransport.Kind, sdkTransport.Limit));
        Assert.Contains("within 3 s", sdkTransport.Message, StringComparison.Ordinal);
    }

    private static async Task<EzrouterTimeoutException> ConnectTimeoutOf(Action<EzrouterClientOptions> configure, Action<IHttpClientBuilder>? build = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddEzrouter(o =>
        {
            o.ApiKey = TestClients.ApiKey;
            o.Retry.MaxRetries = 0;
            o.Timeouts.Connect = TimeSpan.FromSeconds(3);
            configure(o);
        });
        build?.Invoke(builder);
        await using var provider = services.BuildServiceProvider();
        return await Assert.ThrowsAsync<EzrouterTimeoutException>(() => provider.GetRequiredService<EzrouterClient>().Models.ListAsync());
    }

    // How SocketsHttpHandler reports its ConnectTimeout: a cancellation the caller did not ask for, wrapping a TimeoutException.
    private sealed class ConnectTimingOutHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new TaskCanceledException("connect timed out", new TimeoutException()));
    }

    [Fact]
    public async Task TheNamedHttpClientLeavesTimeLimitsToThePipeline()
    {
        var services = new ServiceCollection();
        services.AddEzrouter(o => o.ApiKey = TestClients.ApiKey);
        await using var provider = services.BuildServiceProvider();

        using var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(EzrouterServiceCollectionExtensions.HttpClientName());

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public void EachOverloadNamesTheArgumentItRefuses()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddEzrouter((Action<EzrouterClientOptions>)null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddEzrouter((IConfiguration)null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddEzrouter("named", (Action<EzrouterClientOptions>)null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddEzrouter("named", (IConfiguration)null!)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => services.AddEzrouter("", configuration)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => services.AddEzrouter(null!, configuration)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => services.AddEzrouter("", _ => { })).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddEzrouter(_ => { })).ParamName);
        Assert.Empty(services);
    }
}
