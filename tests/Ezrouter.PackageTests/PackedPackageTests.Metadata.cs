using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace Ezrouter.PackageTests;

/// <summary>
/// What nuget.org shows and what a debugger needs, for every package: its own README, the icon, a real description,
/// tags, project URL and release notes, the repository commit, and a symbols package whose PDBs map sources through
/// SourceLink and hold no build-machine path.
/// </summary>
public sealed partial class PackedPackageTests
{
    [Fact]
    [Trait("Category", "Package")]
    public void EveryPackageCarriesItsReadmeIconAndMetadata()
    {
        feed.RequirePacked();
        var problems = new List<string>();
        // The libraries and the CLI's tool package: nuget.org shows each the same way.
        foreach (var package in feed.Packages.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Append(feed.Tool!))
        {
            using var zip = ZipFile.OpenRead(package.Path);
            var metadata = Metadata(zip);
            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            void Require(bool ok, string what) { if (!ok) problems.Add($"{package.Id}: {what}"); }

            Require(Field("readme") == "README.md" && zip.GetEntry("README.md") is { Length: > 200 }, "no README.md of its own");
            Require(Field("icon") == "icon.png" && zip.GetEntry("icon.png") is { Length: > 0 }, "no icon.png");
            Require(Field("description") is { Length: > 40 } d && d != "Package Description", $"description \"{Field("description")}\"");
            Require(Field("tags") is { } tags && tags.Split(' ').Contains("ezrouter"), $"tags \"{Field("tags")}\"");
            Require(Field("projectUrl") is { Length: > 0 }, "no projectUrl");
            Require(Field("releaseNotes") is { Length: > 0 }, "no releaseNotes");
            var repository = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository");
            Require((string?)repository?.Attribute("type") == "git" && ((string?)repository?.Attribute("commit"))?.Length == 40, "no repository commit");
            // The package's README is its own page, not the repository's.
            if (zip.GetEntry("README.md") is { } readme)
                Require(!Text(readme).Contains("## Layout", StringComparison.Ordinal), "ships the repository README");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    [Trait("Category", "Package")]
    public void EveryPackageHasSymbolsWithSourceLinkAndNoBuildMachinePaths()
    {
        feed.RequirePacked();
        var problems = new List<string>();
        foreach (var package in feed.Packages.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var symbols = Path.ChangeExtension(package.Path, ".snupkg");
            if (!File.Exists(symbols)) { problems.Add($"{package.Id}: no {Path.GetFileName(symbols)}"); continue; }
            using var zip = ZipFile.OpenRead(symbols);
            var pdbs = zip.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)).ToList();
            if (pdbs.Count != package.LibAssemblies.Count) problems.Add($"{package.Id}: {pdbs.Count} PDBs for {package.LibAssemblies.Count} assemblies");
            foreach (var pdb in pdbs)
            {
                // Latin-1 keeps every byte: the SourceLink JSON and document names are UTF-8/ASCII inside the PDB.
                var bytes = Latin1(pdb);
                if (!bytes.Contains("raw.githubusercontent.com", StringComparison.Ordinal)) problems.Add($"{package.Id}: {pdb.FullName} has no SourceLink map");
                // Sources map to /_/; only files this test's own --artifacts-path generated (outside the repository,
                // AssemblyAttributes.cs and the like) keep their temporary path, which a real pack does not have.
                var local = DocumentNames(pdb).Where(name => !name.StartsWith("/_/", StringComparison.Ordinal) && !name.StartsWith(feed.Temp, StringComparison.Ordinal)).ToList();
                if (local.Count > 0) problems.Add($"{package.Id}: {pdb.FullName} records build-machine paths, e.g. {local[0]}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static XElement Metadata(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)).Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    // Portable PDBs store each document's path in parts: read them back whole.
    private static List<string> DocumentNames(ZipArchiveEntry pdb)
    {
        using var stream = pdb.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var provider = System.Reflection.Metadata.MetadataReaderProvider.FromPortablePdbStream(copy);
        var reader = provider.GetMetadataReader();
        return reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
    }

    private static string Text(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Latin1(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }
}
