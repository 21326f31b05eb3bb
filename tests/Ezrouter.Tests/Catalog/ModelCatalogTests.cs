using Ezrouter.Catalog;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Catalog;

public class ModelCatalogTests
{
    private const string ModelsUrl = "https://www.ezrouter.dev/v1/models";

    private static HttpResponseMessage Models(string version, string json = Payloads.ModelsList)
    {
        var response = TestClients.Json(json);
        response.Headers.Remove("X-New-Api-Version");
        response.Headers.TryAddWithoutValidation("X-New-Api-Version", version);
        return response;
    }

    [Fact]
    public async Task CatalogIsFetchedOnceAndServedFromCache()
    {
        var mock = new MockHttpMessageHandler();
        var models = mock.When(HttpMethod.Get, ModelsUrl).Respond(_ => Models("v1"));
        using var client = TestClients.Create(mock);

        await client.Models.ListAsync();
        await client.Models.ListAsync();

        Assert.Equal(1, mock.GetMatchCount(models));
    }

    [Fact]
    public async Task CatalogRefreshesWhenAnyCallSeesANewGatewayVersion()
    {
        var mock = new MockHttpMessageHandler();
        var models = mock.When(HttpMethod.Get, ModelsUrl).Respond(_ => Models("v1"));
        mock.When(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions").Respond(_ =>
        {
            var response = TestClients.Sse(Payloads.ChatSse);
            response.Headers.Remove("X-New-Api-Version");
            response.Headers.TryAddWithoutValidation("X-New-Api-Version", "v2");
            return response;
        });
        using var client = TestClients.Create(mock);
        await client.Models.ListAsync();

        await client.Chat.CompleteAsync(Chat.ChatCompletionTests.Request());
        await client.Models.ListAsync();

        Assert.Equal(2, mock.GetMatchCount(models));
    }

    [Fact]
    public async Task SurfacesAndSnapshotAliasesResolve()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, ModelsUrl).Respond(_ => Models("v1"));
        using var client = TestClients.Create(mock);

        Assert.Equal(["anthropic", "openai"], await client.Models.GetEndpointTypesAsync("claude-sonnet-4-6"));
        Assert.True(await client.Models.SupportsAsync("claude-haiku-4-5", "anthropic"));
        Assert.Equal("claude-haiku-4-5-20251001", (await client.Models.FindAsync("claude-haiku-4-5"))!.Id);
        Assert.False(await client.Models.SupportsAsync("deepseek-v4-flash", "anthropic"));
        Assert.Empty(await client.Models.GetEndpointTypesAsync("no-such-model"));
        Assert.Equal("claude-haiku-4-5", ModelCatalog.AliasOf("claude-haiku-4-5-20251001"));
    }

    [Fact]
    public async Task PlaceholderCreatedIsReportedAsNoDate()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, ModelsUrl).Respond(_ => Models("v1"));
        using var client = TestClients.Create(mock);

        var model = (await client.Models.ListAsync())[0];

        Assert.True(model.HasPlaceholderCreated());
        Assert.Null(model.CreatedAt());
    }
}
