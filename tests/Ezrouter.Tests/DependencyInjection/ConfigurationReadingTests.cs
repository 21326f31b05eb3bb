using Ezrouter.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ezrouter.Tests.DependencyInjection;

/// <summary>
/// What <c>AddEzrouter(configuration)</c> makes of each kind of value: the values it applies, and for each one it
/// refuses, the exact start-up validation message (path and reason), so a wrong setting is found from the log alone.
/// </summary>
public sealed class ConfigurationReadingTests
{
    private static IConfiguration Section(params (string Key, string Value)[] values)
    {
        var all = new Dictionary<string, string?> { ["Ezrouter:ApiKey"] = "sk-valid-key-0123456789" };
        foreach (var (key, value) in values) all[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(all).Build().GetSection("Ezrouter");
    }

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] values) =>
        new EzrouterOptionsValidator("", Section(values)).Validate("", new EzrouterClientOptions { ApiKey = "sk-valid-key-0123456789" }).Failures?.ToList() ?? [];

    private static EzrouterClientOptions Applied(params (string Key, string Value)[] values)
    {
        var services = new ServiceCollection();
        services.AddEzrouter(Section(values));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<EzrouterClientOptions>>().CurrentValue;
    }

    [Fact]
    public void EachRefusedValueIsNamedWithItsPathAndWhy() =>
        Assert.Equal(
        [
            "Ezrouter:AnthropicBaseUrl: 'ftp://claude.example.com/' is not an absolute http or https URL.",
            "Ezrouter:Colour: not a setting of EzrouterClientOptions.",
            "Ezrouter:Retry:BaseDelay: 'soon' is not a TimeSpan (e.g. 00:00:30).",
            "Ezrouter:Retry:MaxRetries: 'eleven' is not a valid Int32.",
            "Ezrouter:Timeouts:Total: 'later' is not a TimeSpan (e.g. 00:00:30).",
        ],
        Failures(
            ("Ezrouter:AnthropicBaseUrl", "ftp://claude.example.com/"),
            ("Ezrouter:Colour", "blue"),
            ("Ezrouter:Retry:BaseDelay", "soon"),
            ("Ezrouter:Retry:MaxRetries", "eleven"),
            ("Ezrouter:Timeouts:Total", "later")));

    [Fact]
    public void GoodValuesAreAppliedWithoutComplaint()
    {
        (string, string)[] values =
        [
            ("Ezrouter:BaseUrl", "https://gateway.example.com/"),
            ("Ezrouter:Timeouts:Idle", "none"),
            ("Ezrouter:Timeouts:FirstByte", ""),
            ("Ezrouter:Concurrency:MaxConcurrentRequests", "4"),
            ("Ezrouter:Concurrency:MinConcurrentRequests", "2"),
        ];

        var options = Applied(values);

        Assert.Empty(Failures(values));
        Assert.Equal(new Uri("https://gateway.example.com/"), options.BaseUrl);
        Assert.Null(options.Timeouts.Idle);
        Assert.Null(options.Timeouts.FirstByte);
        Assert.Equal((4, 2), (options.Concurrency!.MaxConcurrentRequests, options.Concurrency.MinConcurrentRequests));
    }
}
