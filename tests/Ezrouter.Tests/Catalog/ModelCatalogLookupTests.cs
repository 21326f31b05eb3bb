using Ezrouter.Catalog;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Profiles;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Catalog;

/// <summary>
/// The catalog's lookups and refreshes at their edges: which model an id finds when dated and undated ids are both
/// listed, when a refresh is asked for or due, and a models answer that is not a list.
/// </summary>
public sealed class ModelCatalogLookupTests
{
    private const string ModelsUrl = "https://www.ezrouter.dev/v1/models";

    private const string DatedAndUndated = """
        {"object":"list","data":[
          {"id":"claude-x","object":"model","created":1763683200,"supported_endpoint_types":["openai"]},
          {"id":"claude-x-20250101","object":"model","created":1626777600,"supported_endpoint_types":["anthropic"]},
          {"id":"claude-y","object":"model","supported_endpoint_types":["openai"]},
          {"id":"claude-z-20240101","object":"model"},
          {"object":"model"}
        ]}
        """;

    private static (EzrouterClient Client, MockHttpMessageHandler Mock, MockedRequest Models) Client(string json = DatedAndUndated, string? version = "v1", Action<EzrouterClientOptions>? configure = null, string url = ModelsUrl)
    {
        var mock = new MockHttpMessageHandler();
        var models = mock.When(HttpMethod.Get, url).Respond(_ =>
        {
            var response = TestClients.Json(json);
            response.Headers.Remove("X-New-Api-Version");
            if (version is not null) response.Headers.TryAddWithoutValidation("X-New-Api-Version", version);
            return response;
        });
        return (TestClients.Create(mock, configure), mock, models);
    }

    [Theory]
    [InlineData("claude-x", "claude-x")]
    [InlineData("claude-x-20250101", "claude-x-20250101")]
    [InlineData("claude-y-20250101", "claude-y")]
    [InlineData("claude-z", "claude-z-20240101")]
    [InlineData("claude-z-20250601", "claude-z-20240101")]
    [InlineData("claude-w", null)]
    public async Task AnExactIdWinsThenTheAliasEitherWay(string asked, string? found)
    {
        var (client, _, _) = Client();
        using var _c = client;

        Assert.Equal(found, (await client.Models.FindAsync(asked))?.Id);
    }

    [Fact]
    public async Task AnUnknownSnapshotFindsTheListedAliasBeforeAnotherSnapshotOfIt()
    {
        // A dated sibling listed first shares the alias too; the undated id the asked snapshot is an alias of wins.
        var (client, _, _) = Client(json: """{"object":"list","data":[{"id":"claude-v-20240101","object":"model"},{"id":"claude-v","object":"model"}]}""");
        using var _c = client;

        Assert.Equal("claude-v", (await client.Models.FindAsync("claude-v-20250601"))?.Id);
        Assert.Equal("claude-v-20240101", (await client.Models.FindAsync("claude-v-20240101"))?.Id);
    }

    [Fact]
    public async Task AnEmptyIdIsRefused()
    {
        var (client, _, _) = Client();
        using var _c = client;

        await Assert.ThrowsAsync<ArgumentException>(() => client.Models.FindAsync(""));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Models.FindAsync(null!));
    }

    [Fact]
    public async Task EndpointTypesAreMatchedIgnoringCaseAndAModelWithoutThemSupportsNothing()
    {
        var (client, _, _) = Client();
        using var _c = client;

        Assert.True(await client.Models.SupportsAsync("claude-x", "OpenAI"));
        Assert.False(await client.Models.SupportsAsync("claude-x", "anthropic"));
        Assert.Empty(await client.Models.GetEndpointTypesAsync("claude-z-20240101"));
    }

    [Fact]
    public async Task ARefreshAskedForFetchesAgainAndKeepsTheNewBuild()
    {
        var (client, mock, models) = Client();
        using var _c = client;

        await client.Models.ListAsync();
        Assert.Equal("v1", client.Models.CachedGatewayVersion);
        var refreshed = await client.Models.ListAsync(refresh: true);

        Assert.Equal(2, mock.GetMatchCount(models));
        Assert.Equal(5, refreshed.Count);
    }

    [Fact]
    public async Task ACatalogWithABuildHeaderOutlivesTheProfilesTimeToLive()
    {
        var time = new ManualTimeProvider();
        var (client, mock, models) = Client(version: "v1", configure: o => { o.Profile = GatewayProfile.EzAi; o.TimeProvider = time; }, url: "https://ezaiapi.com/v1/models");
        using var _c = client;

        await client.Models.ListAsync();
        time.Advance(TimeSpan.FromHours(1));
        await client.Models.ListAsync();

        Assert.Equal(1, mock.GetMatchCount(models));
    }

    [Fact]
    public async Task AModelsAnswerWithoutADataArrayIsAProtocolError()
    {
        var (client, _, _) = Client(json: """{"object":"list","success":true}""");
        using var _c = client;

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Models.ListAsync());

        Assert.Equal("the models answer has no \"data\" array", error.Details.Summary);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("v1", error.GatewayVersion);
        Assert.Null(client.Models.CachedGatewayVersion);
    }

    [Fact]
    public void ARealCreationTimeIsADateAndThePlaceholderIsNot()
    {
        var real = new Model { Id = "m", Created = 1763683200 };
        var placeholder = new Model { Id = "p", Created = ModelExtensions.PlaceholderCreated };
        var none = new Model { Id = "n" };

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763683200), real.CreatedAt());
        Assert.False(real.HasPlaceholderCreated());
        Assert.True(placeholder.HasPlaceholderCreated());
        Assert.Null(placeholder.CreatedAt());
        Assert.Null(none.CreatedAt());
        Assert.False(none.HasPlaceholderCreated());
        Assert.Throws<ArgumentNullException>(() => ((Model)null!).CreatedAt());
        Assert.Throws<ArgumentNullException>(() => ((Model)null!).HasPlaceholderCreated());
    }
}
