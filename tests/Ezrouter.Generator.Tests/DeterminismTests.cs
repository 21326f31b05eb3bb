using System.Text;
using System.Text.RegularExpressions;

namespace Ezrouter.Generator.Tests;

/// <summary>Same spec in, same bytes out: no order, clock, path or platform leaks into the output.</summary>
public sealed partial class DeterminismTests
{
    [Theory]
    [MemberData(nameof(RealSpecs.SpecPaths), MemberType = typeof(RealSpecs))]
    public async Task GeneratingTwiceGivesIdenticalFiles(string specPath)
    {
        var surface = RealSpecs.Surface(specPath);

        var first = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, surface);
        var second = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, surface);

        Assert.Equal(first.Keys, second.Keys);
        foreach (var (path, text) in first) Assert.True(text == second[path], $"{path} differs between two runs");
    }

    [Theory]
    [MemberData(nameof(RealSpecs.SpecPaths), MemberType = typeof(RealSpecs))]
    public async Task GeneratingFromAnotherFolderGivesIdenticalFiles(string specPath)
    {
        var surface = RealSpecs.Surface(specPath);
        var elsewhere = await RealSpecs.GenerateWithKiotaAsync("ezrouter-elsewhere", surface);
        try
        {
            var here = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, surface);
            var there = await ClientGenerator.GenerateAsync(elsewhere, surface);

            Assert.Equal(here.Keys, there.Keys);
            foreach (var (path, text) in here) Assert.True(text == there[path], $"{path} depends on where the spec lives");
        }
        finally
        {
            RealSpecs.DeleteQuietly(elsewhere);
        }
    }

    [Theory]
    [MemberData(nameof(RealSpecs.SpecPaths), MemberType = typeof(RealSpecs))]
    public async Task FilesUseLfOnlyAndHoldNoPathsOrTimestamps(string specPath)
    {
        var generated = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, RealSpecs.Surface(specPath));
        var spec = File.ReadAllText(Path.Combine(RealSpecs.RepositoryRoot, specPath));
        string[] forbidden =
        [
            RealSpecs.RepositoryRoot, Path.GetTempPath(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            DateTime.UtcNow.ToString("yyyy-MM-dd"), DateTime.Now.ToString("yyyy-MM-dd"),
        ];

        foreach (var (path, text) in generated)
        {
            Assert.False(text.Contains('\r'), $"{path} contains a carriage return");
            Assert.False(text.StartsWith('\uFEFF'), $"{path} starts with a byte-order mark");
            Assert.True(text.EndsWith('\n'), $"{path} does not end with a newline");
            foreach (var value in forbidden.Where(v => v.Length > 1))
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{path} contains '{value}'");
            // Descriptions may quote dates (an example created_at); only a timestamp the spec lacks came from the clock.
            foreach (Match timestamp in IsoTimestamp().Matches(text))
                Assert.True(spec.Contains(timestamp.Value, StringComparison.Ordinal), $"{path} contains a timestamp not in the spec: {timestamp.Value}");
            Assert.False(WindowsPath().IsMatch(text), $"{path} contains a Windows path: {WindowsPath().Match(text).Value}");
        }
    }

    [Fact]
    public async Task WrittenFilesAreUtf8WithoutBomAndWithLfOnly()
    {
        var generated = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, RealSpecs.Surface("openapi/openai.yaml"));
        var output = RealSpecs.CreateTempDirectory("ezrouter-bytes");
        try
        {
            ClientGenerator.WriteOutput(output, generated);

            foreach (var (path, text) in generated)
            {
                var bytes = File.ReadAllBytes(Path.Combine(output, path));
                Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), $"{path} has a BOM");
                Assert.DoesNotContain((byte)'\r', bytes);
                Assert.Equal(Encoding.UTF8.GetBytes(text), bytes);
            }
        }
        finally
        {
            RealSpecs.DeleteQuietly(output);
        }
    }

    [Fact]
    public async Task CommittedFilesAreUtf8WithoutBomAndWithLfOnly()
    {
        foreach (var surface in ClientGenerator.Surfaces)
        {
            var folder = Path.Combine(RealSpecs.RepositoryRoot, surface.OutputDirectory);
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), $"{file} has a BOM");
                Assert.False(bytes.Contains((byte)'\r'), $"{file} has a carriage return (check .gitattributes / core.autocrlf)");
            }
        }
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex IsoTimestamp();

    [GeneratedRegex(@"\b[A-Za-z]:\\")]
    private static partial Regex WindowsPath();
}
