using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

public class ClientOwnershipTests
{
    [Fact]
    public async Task DisposingTheClientLeavesTheCallersTransportUsable()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://www.ezrouter.dev/v1/models").Respond(_ => TestClients.Json(Payloads.ModelsList));
        TestClients.Create(mock).Dispose();

        using var second = TestClients.Create(mock);
        var models = await second.Models.ListAsync();

        Assert.Equal(3, models.Count);
    }

    [Fact]
    public async Task ADisposedClientReleasedItsPipelineAndSendsNothing()
    {
        var mock = new MockHttpMessageHandler();
        var models = mock.When(HttpMethod.Get, "https://www.ezrouter.dev/v1/models").Respond(_ => TestClients.Json(Payloads.ModelsList));
        var client = TestClients.Create(mock);

        client.Dispose();

        // A use-after-dispose is the caller's mistake, reported the .NET way, like a null argument.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.Models.ListAsync());
        Assert.Equal(0, mock.GetMatchCount(models));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyKeyIsRejected(string key) => Assert.ThrowsAny<ArgumentException>(() => new EzrouterClient(key));

    [Fact]
    public void NullOptionGroupsAreRejectedClearly()
    {
        Assert.Throws<ArgumentNullException>(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = "k", Timeouts = null! }));
        Assert.Throws<ArgumentNullException>(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = "k", Retry = null! }));
    }
}
