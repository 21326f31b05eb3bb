using Ezrouter.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// What start-up validation of an <c>AddEzrouter</c> registration says about options set in code: each problem named
/// with its registration and option, nothing for a good registration, and nothing about another registration.
/// </summary>
public sealed class OptionsValidationTests
{
    private static ValidateOptionsResult Validate(EzrouterClientOptions options, string name = "") =>
        new EzrouterOptionsValidator(name, configuration: null).Validate(name, options);

    [Fact]
    public void AGoodRegistrationPasses() =>
        Assert.True(Validate(new EzrouterClientOptions { ApiKey = "sk-valid-key-0123456789" }).Succeeded);

    [Fact]
    public void EveryMissingPartIsNamedWithItsRegistration()
    {
        var result = Validate(new EzrouterClientOptions { Timeouts = null!, Retry = null!, Limits = null! }, "second");

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "EzrouterClientOptions 'second'.ApiKey: required (the gateway refuses every call without a key).",
            "EzrouterClientOptions 'second'.Timeouts: required.",
            "EzrouterClientOptions 'second'.Retry: required.",
            "EzrouterClientOptions 'second'.Limits: required.",
        ], result.Failures);
    }

    [Fact]
    public void ABaseUrlThatIsNotAbsoluteHttpOrHttpsIsRefusedOnEitherSurface()
    {
        var result = Validate(new EzrouterClientOptions
        {
            ApiKey = "sk-valid-key-0123456789",
            BaseUrl = new Uri("ftp://gateway.example.com/"),
            AnthropicBaseUrl = new Uri("/relative", UriKind.Relative),
        });

        Assert.Equal(
        [
            "EzrouterClientOptions.BaseUrl: 'ftp://gateway.example.com/' is not an absolute http or https URL.",
            "EzrouterClientOptions.AnthropicBaseUrl: '/relative' is not an absolute http or https URL.",
        ], result.Failures);
    }

    [Fact]
    public void PlainHttpToAnotherHostIsRefusedUnlessAllowedOrLoopback()
    {
        var remote = new EzrouterClientOptions { ApiKey = "sk-valid-key-0123456789", BaseUrl = new Uri("http://gateway.example.com"), AnthropicBaseUrl = new Uri("http://claude.example.com") };

        Assert.Equal(
        [
            "EzrouterClientOptions.BaseUrl: plain http to gateway.example.com would send the API key unencrypted; use https or set AllowInsecureHttp.",
            "EzrouterClientOptions.AnthropicBaseUrl: plain http to claude.example.com would send the API key unencrypted; use https or set AllowInsecureHttp.",
        ], Validate(remote).Failures);
        remote.AllowInsecureHttp = true;
        Assert.True(Validate(remote).Succeeded);
        Assert.True(Validate(new EzrouterClientOptions { ApiKey = "sk-valid-key-0123456789", BaseUrl = new Uri("http://127.0.0.1:8080") }).Succeeded);
        Assert.True(Validate(new EzrouterClientOptions { ApiKey = "sk-valid-key-0123456789", BaseUrl = new Uri("https://gateway.example.com") }).Succeeded);
    }

    [Fact]
    public void AnotherRegistrationsOptionsAreSkipped()
    {
        var validator = new EzrouterOptionsValidator("first", configuration: null);

        Assert.True(validator.Validate("second", new EzrouterClientOptions()).Skipped);
        Assert.True(validator.Validate(null, new EzrouterClientOptions()).Skipped);
        Assert.True(new EzrouterOptionsValidator("", configuration: null).Validate(null, new EzrouterClientOptions { ApiKey = "sk-valid-key-0123456789" }).Succeeded);
    }

    [Fact]
    public void EachRegistrationHasItsOwnHttpClientName()
    {
        Assert.Equal("Ezrouter", EzrouterServiceCollectionExtensions.HttpClientName());
        Assert.Equal("Ezrouter", EzrouterServiceCollectionExtensions.HttpClientName(""));
        Assert.Equal("Ezrouter:second", EzrouterServiceCollectionExtensions.HttpClientName("second"));
    }

    [Fact]
    public void AddEzrouterRefusesMissingArguments()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddEzrouter((Action<EzrouterClientOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddEzrouter((Microsoft.Extensions.Configuration.IConfiguration)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddEzrouter("named", (Action<EzrouterClientOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddEzrouter("named", (Microsoft.Extensions.Configuration.IConfiguration)null!));
        Assert.ThrowsAny<ArgumentException>(() => services.AddEzrouter("", _ => { }));
        Assert.ThrowsAny<ArgumentException>(() => services.AddEzrouter(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddEzrouter(_ => { }));
        Assert.Empty(services);
    }
}
