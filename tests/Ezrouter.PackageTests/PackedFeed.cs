using System.IO.Compression;
using System.Xml.Linq;

namespace Ezrouter.PackageTests;

/// <summary>
/// The three packages, packed once for all the tests of a class into a temporary feed: one <c>dotnet pack</c> of a
/// temporary solution that lists them (so they build in one MSBuild run), with build output in the temporary folder
/// (<c>--artifacts-path</c>) so the repository's own bin/ and obj/ are not touched. The folder is deleted at the end
/// unless a test asked to keep it for inspection.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public static readonly IReadOnlyList<string> PackageIds = ["Ezrouter.Generated", "Ezrouter", "Ezrouter.Testing", "Ezrouter.Extensions.AI"];

    /// <summary>The CLI, packed as a .NET tool in the same run (it builds on the three, so this costs little).</summary>
    public const string ToolPackageId = "Ezrouter.Cli";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    private Dictionary<string, PackedPackage> packages = new(StringComparer.OrdinalIgnoreCase);
    private string? keepReason;

    public string RepositoryRoot { get; } = TempFolders.RepositoryRoot;

    public string Temp { get; private set; } = "";

    public string Feed => Path.Combine(Temp, "feed");

    /// <summary>The <c>dotnet pack</c> run; check it with <see cref="RequirePacked"/>.</summary>
    public DotNetProcess.Result? Pack { get; private set; }

    /// <summary>By package id.</summary>
    public IReadOnlyDictionary<string, PackedPackage> Packages => packages;

    /// <summary>The CLI's tool package, kept apart from the three libraries.</summary>
    public PackedPackage? Tool { get; private set; }

    /// <summary>The version the three packages share.</summary>
    public string Version => packages["Ezrouter"].Version;

    public async Task InitializeAsync()
    {
        Temp = TempFolders.Create("ezrouter-package");
        var solutionFolder = Path.Combine(Temp, "pack");
        Directory.CreateDirectory(solutionFolder);
        var solution = Path.Combine(solutionFolder, "packages.slnx");
        var projects = PackageIds.Append(ToolPackageId).Select(id =>
            Path.GetRelativePath(solutionFolder, Path.Combine(RepositoryRoot, "src", id, id + ".csproj")).Replace('\\', '/'));
        File.WriteAllText(solution,
            $"<Solution>\n{string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n"))}</Solution>\n");

        Pack = await DotNetProcess.RunAsync(RepositoryRoot, PackTimeout,
            "pack", solution, "-c", "Release", "-o", Feed, "--artifacts-path", Path.Combine(Temp, "artifacts"),
            // As the Pack target packs a release: deterministic /_/ paths in the PDBs.
            "-p:ContinuousIntegrationBuild=true");
        if (Pack.ExitCode != 0 || !Directory.Exists(Feed)) return;

        foreach (var nupkg in Directory.EnumerateFiles(Feed, "*.nupkg"))
        {
            var package = PackedPackage.Read(nupkg);
            if (package.Id == ToolPackageId) Tool = package;
            else packages[package.Id] = package;
        }
    }

    /// <summary>Fails the calling test (and keeps the folder) unless the pack succeeded and wrote the three packages at one version.</summary>
    public void RequirePacked()
    {
        var problem = Pack is null ? "the pack did not run"
            : Pack.ExitCode != 0 ? "dotnet pack failed"
            : !PackageIds.Order(StringComparer.Ordinal).SequenceEqual(packages.Keys.Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase)
                ? $"expected the packages {string.Join(", ", PackageIds)} in {Feed}, found {string.Join(", ", packages.Values.Select(p => p.FileName))}"
            : Tool is null ? $"expected the tool package {ToolPackageId} in {Feed}"
            : packages.Values.Select(p => p.Version).Append(Tool.Version).Distinct().Count() != 1
                ? $"the packages do not share one version: {string.Join(", ", packages.Values.Select(p => p.FileName))}"
            : null;
        if (problem is null) return;
        Keep(problem);
        Assert.Fail($"{problem} (kept {Temp}): {Pack}");
    }

    /// <summary>Keeps the temporary folder (feed, build output, consumers) after the tests, for inspection.</summary>
    public void Keep(string reason) => keepReason ??= reason;

    public Task DisposeAsync()
    {
        if (keepReason is null && Temp.Length > 0) TempFolders.DeleteQuietly(Temp);
        return Task.CompletedTask;
    }
}

/// <summary>One .nupkg: its nuspec's identity and dependencies, and the assemblies under lib/.</summary>
public sealed record PackedPackage(string Id, string Version, string Path, IReadOnlyList<PackedPackage.DependencyGroup> DependencyGroups,
    IReadOnlyList<string> LibAssemblies)
{
    /// <summary>A nuspec dependency group; <see cref="TargetFramework"/> is "(any)" for dependencies outside a group.</summary>
    public sealed record DependencyGroup(string TargetFramework, IReadOnlyList<Dependency> Dependencies);

    /// <summary><see cref="Version"/> is the nuspec's literal version attribute ("" when absent).</summary>
    public sealed record Dependency(string Id, string Version);

    public string FileName => System.IO.Path.GetFileName(Path);

    public static PackedPackage Read(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspecs = zip.Entries.Where(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)).ToList();
        if (nuspecs.Count != 1) throw new InvalidDataException($"{nupkg} has {nuspecs.Count} nuspecs at its root");
        XDocument nuspec;
        using (var stream = nuspecs[0].Open()) nuspec = XDocument.Load(stream);

        // The nuspec namespace differs between schema versions; match on local names.
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(XElement parent, string name) => parent.Elements().Single(e => e.Name.LocalName == name).Value;
        static Dependency ToDependency(XElement d) => new((string?)d.Attribute("id") ?? "", (string?)d.Attribute("version") ?? "");

        var groups = new List<DependencyGroup>();
        if (metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies") is { } dependencies)
        {
            var loose = dependencies.Elements().Where(e => e.Name.LocalName == "dependency").Select(ToDependency).ToList();
            if (loose.Count > 0) groups.Add(new DependencyGroup("(any)", loose));
            groups.AddRange(dependencies.Elements().Where(e => e.Name.LocalName == "group").Select(g => new DependencyGroup(
                (string?)g.Attribute("targetFramework") ?? "(any)",
                g.Elements().Where(e => e.Name.LocalName == "dependency").Select(ToDependency).ToList())));
        }

        var libs = zip.Entries.Select(e => e.FullName)
            .Where(n => n.StartsWith("lib/", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        return new PackedPackage(Value(metadata, "id"), Value(metadata, "version"), nupkg, groups, libs);
    }

    /// <summary>The bytes of one entry (a lib/ assembly).</summary>
    public byte[] ReadEntry(string entryName)
    {
        using var zip = ZipFile.OpenRead(Path);
        using var stream = zip.GetEntry(entryName)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
