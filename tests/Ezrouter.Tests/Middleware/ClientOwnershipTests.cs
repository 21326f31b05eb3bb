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
