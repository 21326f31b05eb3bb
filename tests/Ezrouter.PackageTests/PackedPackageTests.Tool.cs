using System.IO.Compression;
using System.Xml.Linq;

namespace Ezrouter.PackageTests;

/// <summary>
/// Issue 14, item 8: the CLI packs as a .NET tool whose command is <c>ezrouter</c>, and that tool, installed from the
/// packed feed alone, runs.
/// </summary>
public sealed partial class PackedPackageTests
{
    [Fact]
    [Trait("Category", "Package")]
    public void TheCliPacksAsADotNetToolNamedEzrouter()
    {
        feed.RequirePacked();
        var tool = feed.Tool!;
        using var zip = ZipFile.OpenRead(tool.Path);
        var entries = zip.Entries.Select(e => e.FullName).ToList();

        // The tool layout: tools/<tfm>/any/ with the settings file, the entry assembly and everything it loads.
        const string folder = "tools/net10.0/any/";
        Assert.Contains(folder + "DotnetToolSettings.xml", entries);
        foreach (var assembly in new[] { "Ezrouter.Cli.dll", "Ezrouter.dll", "Ezrouter.Generated.dll", "Ezrouter.Testing.dll", "System.CommandLine.dll" })
            Assert.Contains(folder + assembly, entries);
        Assert.Contains(folder + "Ezrouter.Cli.runtimeconfig.json", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        XDocument settings;
        using (var stream = zip.GetEntry(folder + "DotnetToolSettings.xml")!.Open()) settings = XDocument.Load(stream);
        var command = settings.Descendants().Single(e => e.Name.LocalName == "Command");
        Assert.Equal("ezrouter", (string?)command.Attribute("Name"));
        Assert.Equal("Ezrouter.Cli.dll", (string?)command.Attribute("EntryPoint"));

        XDocument nuspec;
        using (var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()) nuspec = XDocument.Load(stream);
        Assert.Contains(nuspec.Descendants().Where(e => e.Name.LocalName == "packageType"), e => (string?)e.Attribute("name") == "DotnetTool");
    }

    [Fact]
    [Trait("Category", "Package")]
    public async Task TheToolInstalledFromTheFeedRunsTheTourAsEzrouter()
    {
        feed.RequirePacked();
        var tools = Path.Combine(feed.Temp, "tools");
        var config = Path.Combine(feed.Temp, "tool-nuget.config");
        // The packed feed and nothing else: a tool carries every assembly it loads, so it needs no other source.
        File.WriteAllText(config,
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(feed.Temp, "tool-packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);

        var install = await DotNetProcess.RunAsync(feed.Temp, TimeSpan.FromMinutes(3),
            "tool", "install", PackedFeed.ToolPackageId, "--version", feed.Tool!.Version, "--tool-path", tools, "--configfile", config);
        Assert.True(install.ExitCode == 0, install.ToString());

        // The shim the install wrote, as a user runs it: the tour needs no key and no network.
        var shim = Path.Combine(tools, OperatingSystem.IsWindows() ? "ezrouter.exe" : "ezrouter");
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ROOT"] = DotNetRoot(),
            ["EZROUTER_API_KEY"] = null,
            ["EZROUTER_BASE_URL"] = null,
            ["EZROUTER_PROFILE"] = null,
        };
        var version = await DotNetProcess.RunProgramAsync(shim, feed.Temp, TimeSpan.FromMinutes(1), environment, "--version");
        var tour = await DotNetProcess.RunProgramAsync(shim, feed.Temp, TimeSpan.FromMinutes(2), environment, "tour");

        Assert.True(version.ExitCode == 0 && version.Output.StartsWith(feed.Tool.Version, StringComparison.Ordinal), version.ToString());
        Assert.True(tour.ExitCode == 0, tour.ToString());
        Assert.Contains("embedded recorded gateway", tour.Output, StringComparison.Ordinal);
        Assert.Contains("EzrouterModelNotFoundException", tour.Output, StringComparison.Ordinal);
    }

    /// <summary>The .NET install running these tests: <c>shared/Microsoft.NETCore.App/&lt;version&gt;</c> is three folders below it.</summary>
    private static string DotNetRoot() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
}
