using System.IO.Compression;
using System.Xml.Linq;

namespace Ezrouter.PackageTests;

/// <summary>Issue 14, item 8: the CLI packs as a .NET tool whose command is <c>ezrouter</c>.</summary>
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
}
