using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Errors;

/// <summary>What the exception types built by hand or by the SDK itself (not off a response) say.</summary>
public sealed class ExceptionConstructionTests
{
    [Fact]
    public void ARedirectWhoseLocationHeaderHasNoValueHasNoLocation()
    {
        var details = new EzrouterErrorDetails
        {
            StatusCode = 302,
            Headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["Location"] = [] },
        };

        var error = new EzrouterRedirectException(details);

        Assert.Null(error.Location);
        Assert.Equal(302, error.StatusCode);
    }

    [Fact]
    public void ARedirectKeepsItsLocation()
    {
        var details = new EzrouterErrorDetails
        {
            StatusCode = 301,
            Headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["Location"] = ["https://new.example.com/v1/chat"] },
        };

        Assert.Equal(new Uri("https://new.example.com/v1/chat"), new EzrouterRedirectException(details).Location);
    }

    [Fact]
    public async Task AnOperationTheProfileLacksSaysWhichAndThatNothingWasSent()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => TestClients.Json("{\"input_tokens\":1}"));
        using var client = TestClients.Create(mock);
        var request = new Ezrouter.Generated.Anthropic.Models.CountTokensRequest { Model = "m", Messages = [new() { Role = "user", Content = new() { String = "Hi" } }] };

        var error = await Assert.ThrowsAsync<EzrouterOperationNotSupportedException>(() => client.Messages.CountTokensAsync(request));

        Assert.StartsWith("the 'ezrouter' gateway profile does not serve CountTokens; nothing was sent (choose a profile that serves it", error.Details.Summary);
        Assert.Equal($"ezrouter call failed: {error.Details.Summary}", error.Message);
        Assert.Equal(0, error.StatusCode);
    }
}
