using Ezrouter.Catalog;
using Ezrouter.ContractTests.Support;

namespace Ezrouter.ContractTests.Models;

/// <summary>The model catalog in both shapes against the recorded gateway.</summary>
public sealed class ModelsContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public ModelsContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("models-list")]
    public async Task CatalogListsEveryModelWithItsSurfacesAndResolvesDatedAliases()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var models = await client.Models.ListAsync();
        var haikuSurfaces = await client.Models.GetEndpointTypesAsync("claude-haiku-4-5");

        // Assert
        Assert.Equal(9, models.Count);
        var sonnet = models[0];
        Assert.Equal(("claude-sonnet-4-6", "vertex-ai"), (sonnet.Id, sonnet.OwnedBy));
        Assert.Equal(["anthropic", "openai"], sonnet.SupportedEndpointTypes!);
        Assert.True(sonnet.HasPlaceholderCreated());
        Assert.Null(sonnet.CreatedAt());
        Assert.Equal(["anthropic", "openai"], haikuSurfaces);
        Assert.Equal("v0.9.6", client.Models.CachedGatewayVersion);
        // Cached: the alias lookup did not call the gateway again.
        _gateway.AssertAnsweredBy("models-list");
    }

    [Fact]
    [HitsCassette("anthropic-models-list")]
    public async Task AnthropicShapedListCarriesPagingAndTheCreatedAtPlaceholder()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var page = await client.Anthropic.V1.Models.GetAsync();

        // Assert
        Assert.Equal(9, page!.Data!.Count);
        Assert.Equal(("claude-sonnet-4-6", "gemini-2.5-pro", false), (page.FirstId, page.LastId, page.HasMore));
        var haiku = page.Data[1];
        Assert.Equal(("claude-haiku-4-5-20251001", "claude-haiku-4-5-20251001", "model"), (haiku.Id, haiku.DisplayName, haiku.Type));
        Assert.Equal(new DateTimeOffset(2021, 7, 20, 0, 0, 0, TimeSpan.Zero), haiku.CreatedAt);
        _gateway.AssertAnsweredBy("anthropic-models-list");
    }
}
