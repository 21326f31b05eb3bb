using System.IO.Compression;
using System.Xml.Linq;

namespace Ezrouter.PackageTests;

/// <summary>
/// Issue 14, item 8 and issue 15, item 6: the CLI packs as a .NET tool whose command is <c>ezrouter</c>, installs from
/// the feed with <c>dotnet tool install</c> and runs.
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
    public async Task TheToolInstallsFromTheFeedAndRunsTheTour()
    {
        feed.RequirePacked();
        var folder = Path.Combine(feed.Temp, "tool");
        var passed = false;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, ".config"));
            File.WriteAllText(Path.Combine(folder, ".config", "dotnet-tools.json"), "{\n  \"version\": 1,\n  \"isRoot\": true,\n  \"tools\": {}\n}\n");
            // The local feed only: a tool package carries everything it loads. A private packages folder, so a stale
            // Ezrouter.Cli of the same version in the user's cache cannot stand in for the one just packed.
            File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{Path.Combine(folder, "packages")}" /></config>
                  <packageSources><clear /><add key="local" value="{feed.Feed}" /></packageSources>
                </configuration>
                """);
            // No key and no gateway address from the environment: the tour must run against its embedded gateway. A
            // private CLI home: local tools are found through a resolver cache there (~/.dotnet/toolResolverCache), and
            // the user's would point at an earlier run's deleted folder ("Run dotnet tool restore").
            var environment = new Dictionary<string, string?>
            {
                ["NUGET_PACKAGES"] = Path.Combine(folder, "packages"), ["DOTNET_CLI_HOME"] = Path.Combine(folder, "home"),
                ["EZROUTER_API_KEY"] = null, ["EZROUTER_BASE_URL"] = null, ["EZROUTER_PROFILE"] = null, ["NO_COLOR"] = "1",
            };

            var install = await DotNetProcess.RunAsync(folder, ConsumerTimeout, environment,
                "tool", "install", "--local", PackedFeed.ToolPackageId, "--version", feed.Version, "--configfile", Path.Combine(folder, "nuget.config"));
            Assert.True(install.ExitCode == 0, $"dotnet tool install failed: {install}");
            var tour = await DotNetProcess.RunAsync(folder, ConsumerTimeout, environment, "tool", "run", "ezrouter", "--", "tour");
            output.WriteLine($"install {install.Elapsed.TotalSeconds:0.0} s, tour {tour.Elapsed.TotalSeconds:0.0} s\n{tour.Output}");

            Assert.True(tour.ExitCode == 0, $"ezrouter tour failed: {tour}");
            Assert.Contains("embedded recorded gateway", tour.Output);
            Assert.Contains("IChatClient", tour.Output);
            passed = true;
        }
        finally
        {
            if (!passed) feed.Keep("the tool test failed");
        }
    }
}
