using Ezrouter.Profiles;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// Building a client: what it refuses (no key, missing option groups, two transports), where its surfaces are, what
/// its options print (never the key), and that later changes to the options object do not reach a built client.
/// </summary>
public sealed class ClientConstructionTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ABlankKeyIsRefused(string key) => Assert.ThrowsAny<ArgumentException>(() => new EzrouterClient(key));

    [Fact]
    public void AKeyAloneBuildsAClientOnEzroutersDefaults()
    {
        using var client = new EzrouterClient(TestKeys.ApiKey);

        Assert.Same(GatewayProfile.Ezrouter, client.Profile);
        Assert.Equal("EzrouterClient { BaseUrl = https://www.ezrouter.dev, AnthropicBaseUrl = https://www.ezrouter.dev/anthropic }", client.ToString());
        Assert.Null(client.LastGatewayVersion);
    }

    [Fact]
    public void EachOptionGroupIsRequired()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new EzrouterClient((EzrouterClientOptions)null!)).ParamName);
        Assert.Equal("options.Timeouts", Assert.Throws<ArgumentNullException>(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Timeouts = null! })).ParamName);
        Assert.Equal("options.Retry", Assert.Throws<ArgumentNullException>(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Retry = null! })).ParamName);
        Assert.Equal("options.Limits", Assert.Throws<ArgumentNullException>(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Limits = null! })).ParamName);
    }

    [Fact]
    public void ACallersHttpClientAndATransportTogetherAreRefused()
    {
        using var http = new HttpClient();
        using var transport = new HttpClientHandler();

        var error = Assert.Throws<ArgumentException>(() => new EzrouterClient(http, new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = transport }));

        Assert.Equal("options", error.ParamName);
        Assert.StartsWith("EzrouterClientOptions.Transport must be null when an HttpClient is given", error.Message);
        Assert.Throws<ArgumentNullException>(() => new EzrouterClient(null!, new EzrouterClientOptions { ApiKey = TestKeys.ApiKey }));
        Assert.Throws<ArgumentNullException>(() => new EzrouterClient(http, null!));
    }

    [Fact]
    public void AnExplicitAnthropicBaseUrlWinsOverTheProfilesPath()
    {
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, AnthropicBaseUrl = new Uri("https://claude.example.com/root/") });

        Assert.Equal("EzrouterClient { BaseUrl = https://www.ezrouter.dev, AnthropicBaseUrl = https://claude.example.com/root }", client.ToString());
    }

    [Fact]
    public void ChangingTheOptionsAfterwardsDoesNotChangeTheClient()
    {
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = new Uri("https://one.example.com") };
        using var client = new EzrouterClient(options);

        options.BaseUrl = new Uri("https://two.example.com");
        options.Profile = GatewayProfile.EzAi;

        Assert.Equal("EzrouterClient { BaseUrl = https://one.example.com, AnthropicBaseUrl = https://one.example.com/anthropic }", client.ToString());
        Assert.Same(GatewayProfile.Ezrouter, client.Profile);
    }

    [Fact]
    public void OptionsPrintWhereTheyPointAndNeverTheKey()
    {
        var withKey = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Profile = GatewayProfile.EzAi, AnthropicBaseUrl = new Uri("https://claude.example.com") };
        var without = new EzrouterClientOptions();

        Assert.Equal("EzrouterClientOptions { Profile = ezai, BaseUrl = https://ezaiapi.com/, AnthropicBaseUrl = https://claude.example.com/, ApiKey = [REDACTED] }", withKey.ToString());
        Assert.Equal("EzrouterClientOptions { Profile = ezrouter, BaseUrl = https://www.ezrouter.dev/, AnthropicBaseUrl = (default), ApiKey = (none) }", without.ToString());
        Assert.DoesNotContain(TestKeys.ApiKey, withKey.ToString());
    }

    [Fact]
    public void WithoutAProfileTheBaseUrlIsEzrouters()
    {
        var options = new EzrouterClientOptions { Profile = null! };

        Assert.Equal(EzrouterClientOptions.DefaultBaseUrl, options.BaseUrl);
        Assert.Equal("2023-06-01", options.AnthropicVersion);
    }
}
