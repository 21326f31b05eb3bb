using Ezrouter.Profiles;
using Ezrouter.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Catalog;

/// <summary>
/// Why the catalog refetched, as its log line says ("first use", "asked", "expired", "gateway redeployed"), and when
/// it must not: a catalog fetched from a gateway that named no build is not refetched because a later call names one.
/// </summary>
public sealed class ModelCatalogRefreshTests
{
    private const string Ezrouter = "https://www.ezrouter.dev";
    private const string EzAi = "https://ezaiapi.com";
    private const string ModelsJson = """{"object":"list","data":[{"id":"m1","object":"model"},{"id":"m2","object":"model"}]}""";

    private static HttpResponseMessage Answer(HttpResponseMessage response, string? version)
    {
        response.Headers.Remove("X-New-Api-Version");
        if (version is not null) response.Headers.TryAddWithoutValidation("X-New-Api-Version", version);
        return response;
    }

    private static (EzrouterClient Client, MockHttpMessageHandler Mock, MockedRequest Models, FakeLogCollector Logs) Client(
        string baseUrl, Func<string?> modelsVersion, Func<string?> chatVersion, Action<EzrouterClientOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        var models = mock.When(HttpMethod.Get, $"{baseUrl}/v1/models").Respond(_ => Answer(TestClients.Json(ModelsJson), modelsVersion()));
        mock.When(HttpMethod.Post, $"{baseUrl}/v1/chat/completions").Respond(_ => Answer(TestClients.Sse(Payloads.ChatSse), chatVersion()));
        var logs = new FakeLoggerProvider();
        var client = TestClients.Create(mock, o =>
        {
            o.LoggerFactory = new LoggerFactory([logs], new LoggerFilterOptions { MinLevel = LogLevel.Information });
            configure?.Invoke(o);
        });
        return (client, mock, models, logs.Collector);
    }

    private static List<string?> Reasons(FakeLogCollector logs) =>
        logs.GetSnapshot().Where(l => l.Id.Name == "CatalogRefreshed").Select(l => l.GetStructuredStateValue("Reason")).ToList();

    [Fact]
    public async Task ANewBuildSeenByAnotherCallRefetchesAsGatewayRedeployed()
    {
        var build = "v1";
        var (client, mock, models, logs) = Client(Ezrouter, () => build, () => build);
        using var _c = client;

        await client.Models.ListAsync();
        build = "v2";
        await client.Chat.CompleteAsync(Chat.ChatCompletionTests.Request());
        await client.Models.ListAsync();
        await client.Models.ListAsync();

        Assert.Equal(2, mock.GetMatchCount(models));
        Assert.Equal(["first use", "gateway redeployed"], Reasons(logs));
        Assert.Equal("v2", client.Models.CachedGatewayVersion);
    }

    [Fact]
    public async Task ACatalogWithoutABuildRefetchesAsExpiredAfterTheProfilesTimeToLive()
    {
        var time = new ManualTimeProvider();
        var (client, mock, models, logs) = Client(EzAi, () => null, () => null, o => { o.Profile = GatewayProfile.EzAi; o.TimeProvider = time; });
        using var _c = client;

        await client.Models.ListAsync();
        time.Advance(GatewayProfile.EzAi.CatalogTimeToLive!.Value - TimeSpan.FromSeconds(1));
        await client.Models.ListAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await client.Models.ListAsync();
        await client.Models.ListAsync(refresh: true);

        Assert.Equal(3, mock.GetMatchCount(models));
        Assert.Equal(["first use", "expired", "asked"], Reasons(logs));
    }

    [Fact]
    public async Task ACatalogFetchedWithoutABuildIsNotRefetchedWhenALaterCallNamesOne()
    {
        // The list named no build, so a build seen later says nothing about a redeploy since the fetch; without a
        // time to live (the ezrouter profile) the cached list stands until a refresh is asked for.
        var (client, mock, models, logs) = Client(Ezrouter, () => null, () => "v2");
        using var _c = client;

        await client.Models.ListAsync();
        await client.Chat.CompleteAsync(Chat.ChatCompletionTests.Request());
        await client.Models.ListAsync();
        await client.Models.ListAsync();

        Assert.Equal("v2", client.LastGatewayVersion);
        Assert.Equal(1, mock.GetMatchCount(models));
        Assert.Equal(["first use"], Reasons(logs));
    }
}
