using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Ezrouter.PackageTests;

/// <summary>
/// The packed packages as a consumer gets them. Kiota 2 removed <c>IAsyncParseNodeFactory</c>; packages that pinned
/// Kiota 1.x made an app whose graph resolved Kiota 2 (any other Kiota-based SDK brings it) fail at run time with a
/// TypeLoadException. So every package's Kiota dependency is a range bounded below the next major, and a consumer
/// that resolves Kiota 2.1.6 runs a chat and a stream.
/// </summary>
public sealed partial class PackedPackageTests(PackedFeed feed, ITestOutputHelper output) : IClassFixture<PackedFeed>
{
    private const string KiotaRange = "[2.1.6, 3.0.0)";
    private const string KiotaVersion = "2.1.6";
    private static readonly string[] KiotaRuntime = ["Microsoft.Kiota.Abstractions", "Microsoft.Kiota.Http.HttpClientLibrary", "Microsoft.Kiota.Serialization.Json"];
    private static readonly TimeSpan ConsumerTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    [Trait("Category", "Package")]
    public void EveryKiotaDependencyInThePackedNuspecsIsTheRangeBelowTheNextMajor()
    {
        feed.RequirePacked();
        output.WriteLine($"packed in {feed.Pack!.Elapsed.TotalSeconds:0.0} s\n{DescribeAll()}");
        var problems = new List<string>();
        foreach (var package in feed.Packages.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            foreach (var group in package.DependencyGroups)
            {
                foreach (var dependency in group.Dependencies.Where(d => IsKiota(d.Id)))
                {
                    if (AdmitsKiotaOne(dependency.Version))
                        problems.Add($"{package.Id} ({group.TargetFramework}) admits a Kiota 1.x: {dependency.Id} \"{dependency.Version}\"");
                    else if (dependency.Version != KiotaRange)
                        problems.Add($"{package.Id} ({group.TargetFramework}): {dependency.Id} \"{dependency.Version}\", expected \"{KiotaRange}\"");
                }
            }
        }

        // Ezrouter.Generated carries the Kiota runtime itself, in every target framework it ships.
        var generated = feed.Packages["Ezrouter.Generated"];
        if (generated.DependencyGroups.Count == 0) problems.Add("Ezrouter.Generated has no dependencies");
        foreach (var group in generated.DependencyGroups)
        {
            var kiota = group.Dependencies.Where(d => IsKiota(d.Id)).Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
            if (!kiota.SequenceEqual(KiotaRuntime))
                problems.Add($"Ezrouter.Generated ({group.TargetFramework}) depends on [{string.Join(", ", kiota)}], expected [{string.Join(", ", KiotaRuntime)}]");
        }

        // Ezrouter gets Kiota through Ezrouter.Generated of its own version, in every target framework it ships.
        var sdk = feed.Packages["Ezrouter"];
        if (sdk.DependencyGroups.Count == 0) problems.Add("Ezrouter has no dependencies");
        foreach (var group in sdk.DependencyGroups)
        {
            if (!group.Dependencies.Any(d => d.Id == "Ezrouter.Generated" && d.Version == feed.Version))
                problems.Add($"Ezrouter ({group.TargetFramework}) does not depend on Ezrouter.Generated {feed.Version}: {Describe(group)}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Prepend("packed nuspecs:")) + "\n\n" + DescribeAll());
    }

    [Fact]
    [Trait("Category", "Package")]
    public void PackedAssembliesAreCompiledAgainstKiotaTwo()
    {
        feed.RequirePacked();
        var problems = new List<string>();
        var seen = new List<string>();
        foreach (var package in feed.Packages.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            foreach (var entry in package.LibAssemblies)
            {
                using var pe = new PEReader(new MemoryStream(package.ReadEntry(entry)));
                var metadata = pe.GetMetadataReader();
                foreach (var handle in metadata.AssemblyReferences)
                {
                    var reference = metadata.GetAssemblyReference(handle);
                    var name = metadata.GetString(reference.Name);
                    if (!IsKiota(name)) continue;
                    seen.Add($"{package.Id} {entry} -> {name} {reference.Version}");
                    if (reference.Version.Major != 2) problems.Add($"{package.Id} {entry} references {name} {reference.Version}");
                }
            }
        }

        var generatedLibs = feed.Packages["Ezrouter.Generated"].LibAssemblies;
        Assert.NotEmpty(generatedLibs);
        foreach (var entry in generatedLibs)
            Assert.Contains(seen, s => s.StartsWith($"Ezrouter.Generated {entry} -> Microsoft.Kiota.Abstractions ", StringComparison.Ordinal));
        output.WriteLine(string.Join("\n", seen));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Prepend("compiled against a Kiota other than 2.x:").Append("").Concat(seen)));
    }

    [Fact]
    [Trait("Category", "Package")]
    public async Task AConsumerResolvingKiota216RunsAChatAndAStream()
    {
        feed.RequirePacked();
        var consumer = Path.Combine(feed.Temp, "consumer");
        var passed = false;
        try
        {
            WriteConsumer(consumer);
            // NUGET_PACKAGES would override the consumer's private globalPackagesFolder (see NuGetConfig).
            var run = await DotNetProcess.RunAsync(consumer, ConsumerTimeout, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = null }, "run");
            output.WriteLine($"pack {feed.Pack!.Elapsed.TotalSeconds:0.0} s, consumer restore + build + run {run.Elapsed.TotalSeconds:0.0} s\n{run.Output}");
            Assert.True(run.ExitCode == 0, $"the consumer failed: {run}");

            var lastLine = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            var match = ConsumerResult().Match(lastLine);
            Assert.True(match.Success, $"unexpected consumer output: {run}");

            // The runtime loaded Kiota 2.1.6, all of it.
            var kiota = match.Groups["kiota"].Value.Split(',').Select(e => e.Split('@')).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
            foreach (var name in KiotaRuntime)
                Assert.True(kiota.TryGetValue(name, out var version) && version == KiotaVersion, $"{name} loaded as {version ?? "nothing"}, expected {KiotaVersion}: {run}");
            Assert.True(kiota.Values.All(v => v == KiotaVersion), $"a Kiota assembly other than {KiotaVersion} was loaded: {lastLine}");

            // The generated client on the app's own Kiota adapter, and the SDK's chat and stream.
            Assert.True(int.Parse(match.Groups["models"].Value) > 0, $"no models: {run}");
            Assert.Equal("anthropic,openai", match.Groups["claude"].Value);
            Assert.True(int.Parse(match.Groups["stream"].Value) > 0, $"an empty stream: {run}");
            Assert.Equal("Completed", match.Groups["outcome"].Value);
            Assert.True(int.Parse(match.Groups["chatclient"].Value) > 0, $"an empty IChatClient answer through DI: {run}");
            Assert.False(string.IsNullOrWhiteSpace(JsonSerializer.Deserialize<string>(match.Groups["chat"].Value)), $"an empty chat answer: {run}");

            // And the restore resolved what the app ran: Kiota 2.1.6 only, and the packages just packed.
            var libraries = ResolvedLibraries(Path.Combine(consumer, "obj", "project.assets.json"));
            var resolvedKiota = libraries.Where(l => IsKiota(l.Split('/')[0])).ToList();
            Assert.True(resolvedKiota.Count > 0 && resolvedKiota.All(l => l.EndsWith("/" + KiotaVersion, StringComparison.Ordinal)),
                $"the consumer resolved {string.Join(", ", resolvedKiota)}");
            foreach (var id in PackedFeed.PackageIds)
                Assert.Contains($"{id}/{feed.Version}", libraries);
            passed = true;
        }
        finally
        {
            if (!passed) feed.Keep("the consumer test failed");
        }
    }

    [GeneratedRegex("""^ok kiota=(?<kiota>\S+) models=(?<models>\d+) claude=(?<claude>\S+) stream=(?<stream>\d+) outcome=(?<outcome>\S+) chatclient=(?<chatclient>\d+) chat=(?<chat>".*")$""")]
    private static partial Regex ConsumerResult();

    private static bool IsKiota(string id) => id.StartsWith("Microsoft.Kiota.", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a NuGet version range lets a Kiota 1.x in: "1.22.1" (meaning at least 1.22.1), "[1.0, 3.0)", "(, 3.0)"
    /// do; only a lower bound of at least 2.0.0 does not.
    /// </summary>
    private static bool AdmitsKiotaOne(string range)
    {
        var lower = range.Trim().TrimStart('[', '(').Split(',')[0].Trim().TrimEnd(']', ')').Split('-', '+')[0];
        return !Version.TryParse(lower, out var minimum) || minimum.Major < 2;
    }

    private static List<string> ResolvedLibraries(string assetsFile)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        return assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
    }

    private static string Describe(PackedPackage.DependencyGroup group) =>
        string.Join(", ", group.Dependencies.Select(d => $"{d.Id} \"{d.Version}\""));

    private string DescribeAll() => string.Join("\n", feed.Packages.Values.OrderBy(p => p.Id, StringComparer.Ordinal).SelectMany(p =>
        p.DependencyGroups.Select(g => $"{p.FileName} {g.TargetFramework}: {Describe(g)}")));
}
