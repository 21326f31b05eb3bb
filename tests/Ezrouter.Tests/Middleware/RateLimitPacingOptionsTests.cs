using Ezrouter.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Ezrouter.Middleware.Options;
using Ezrouter.Profiles;

namespace Ezrouter.Tests.Middleware;

/// <summary>Who paces (the profile, unless the options say), the option bounds, and one pacer per DI registration.</summary>
public class RateLimitPacingOptionsTests
{
    [Fact]
    public void TheProfileDecidesUnlessTheOptionsSay()
    {
        var own = new RateLimitPacingOptions { MaxConcurrentRequests = 3 };

        Assert.NotNull(RateLimitPacingOptions.For(null, GatewayProfile.EzAi));
        Assert.Null(RateLimitPacingOptions.For(null, GatewayProfile.Ezrouter));
        Assert.Null(RateLimitPacingOptions.For(null, null));
        Assert.Same(own, RateLimitPacingOptions.For(own, GatewayProfile.Ezrouter));
        Assert.Null(RateLimitPacingOptions.For(new RateLimitPacingOptions { Enabled = false }, GatewayProfile.EzAi));
        Assert.True(new GatewayProfile { Name = "mine", PaceRateLimits = true }.PaceRateLimits);
        Assert.Contains("PaceRateLimits = True", GatewayProfile.EzAi.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SettersRefuseValuesOutOfRange()
    {
        var options = new RateLimitPacingOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxConcurrentRequests = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxConcurrentRequests = RateLimitPacingOptions.MaxMaxConcurrentRequests + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxResetDelay = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxResetDelay = TimeSpan.FromDays(2));
        Assert.Equal((true, 64, TimeSpan.FromMinutes(2)), (options.Enabled, options.MaxConcurrentRequests, options.MaxResetDelay));
    }

    [Fact]
    public void EveryChainOfOneRegistrationSharesOnePacer()
    {
        var state = new EzrouterPipelineState();
        var ezai = new EzrouterClientOptions { Profile = GatewayProfile.EzAi };

        Assert.Same(state.Pacer(ezai), state.Pacer(ezai));
        Assert.Null(new EzrouterPipelineState().Pacer(new EzrouterClientOptions()));
    }

    [Fact]
    public void ConfigurationTurnsPacingOnOrOffAndNamesABadValue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimitPacing:Enabled"] = "false",
            ["RateLimitPacing:MaxResetDelay"] = "00:00:30",
            ["RateLimitPacing:MaxConcurrentRequests"] = "0",
        }).Build();
        var options = new EzrouterClientOptions();

        var errors = EzrouterConfigurationReader.Apply(configuration, options);

        Assert.Equal((false, TimeSpan.FromSeconds(30), 64), (options.RateLimitPacing!.Enabled, options.RateLimitPacing.MaxResetDelay, options.RateLimitPacing.MaxConcurrentRequests));
        Assert.Contains(errors, e => e.StartsWith("RateLimitPacing:MaxConcurrentRequests:", StringComparison.Ordinal));
    }
}
