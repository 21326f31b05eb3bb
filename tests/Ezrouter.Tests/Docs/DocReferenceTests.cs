using System.Text.RegularExpressions;

namespace Ezrouter.Tests.Docs;

/// <summary>
/// The docs cannot rot: every repository path named in backticks in docs/architecture.md and
/// docs/gateway-behavior.md exists, and every section of docs/gateway-behavior.md that code cites exists.
/// </summary>
public sealed class DocReferenceTests
{
    private static readonly string Root = FindRepositoryRoot(AppContext.BaseDirectory);

    // A backticked word is taken for a repository path when it starts with one of these folders, or names a file by
    // one of these endings. Other words with a slash (text/event-stream, /v1/models, Readers/) are not paths.
    private static readonly string[] TopFolders = ["src", "tests", "docs", "openapi", "generator", "build", ".config", ".ci"];
    private static readonly string[] FileEndings = [".cs", ".md", ".json", ".yaml", ".csproj", ".sln", ".cake", ".nswag", ".props"];

    private static readonly Regex InlineCode = new("`([^`\n]+)`", RegexOptions.CultureInvariant);
    private static readonly Regex SectionHeading = new(@"^## (\d+)\. ", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private static readonly Regex Citation = new(@"gateway-behavior\.md\s*§\d+(?:\s*(?:,|and)\s*§\d+)*", RegexOptions.CultureInvariant);
    private static readonly Regex SectionNumber = new(@"§(\d+)", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("docs/architecture.md")]
    [InlineData("docs/gateway-behavior.md")]
    public void EveryBacktickedRepositoryPathExists(string doc)
    {
        // Arrange
        var paths = PathsIn(File.ReadAllText(Path.Combine(Root, doc)));

        // Act
        var missing = paths.Where(p => !Exists(p)).ToList();

        // Assert
        Assert.True(paths.Count >= 10, $"{doc}: only {paths.Count} paths found; the extraction no longer matches how the doc writes them.");
        Assert.True(missing.Count == 0, $"{doc} names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void GatewaySectionsAreNumberedOneToNInOrder()
    {
        var numbers = SectionNumbers();

        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
    }

    [Fact]
    public void EveryCitedGatewaySectionExists()
    {
        // Arrange
        var sections = SectionNumbers().ToHashSet();
        var files = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f));

        // Act
        var citations = (from file in files
                         from match in Citation.Matches(File.ReadAllText(file))
                         from number in SectionNumber.Matches(match.Value)
                         select (File: Path.GetRelativePath(Root, file), Section: int.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
                        .ToList();
        var dangling = citations.Where(c => !sections.Contains(c.Section)).Select(c => $"{c.File} §{c.Section}").ToList();

        // Assert
        Assert.True(citations.Count >= 10, $"only {citations.Count} citations of docs/gateway-behavior.md found in src/ and tests/.");
        Assert.True(dangling.Count == 0, $"cited sections missing from docs/gateway-behavior.md: {string.Join(", ", dangling)}");
    }

    private static List<int> SectionNumbers() =>
        SectionHeading.Matches(File.ReadAllText(Path.Combine(Root, "docs", "gateway-behavior.md")))
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static List<string> PathsIn(string markdown)
    {
        // Fenced blocks hold commands and code, not references; only inline code is checked.
        var prose = Regex.Replace(markdown, "^```.*?^```", string.Empty, RegexOptions.Singleline | RegexOptions.Multiline);
        return InlineCode.Matches(prose)
            .SelectMany(m => m.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(word => word.Trim('"', '\'', ',', ';', '(', ')'))
            .Select(word => word.Split('#')[0])
            .Where(IsRepositoryPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsRepositoryPath(string word)
    {
        if (!word.Contains('/') || word.StartsWith('/') || word.Contains("://", StringComparison.Ordinal)) return false;
        // Placeholders (<name>, {x}, …) stand for a path to be written, not one that exists.
        if (word.IndexOfAny(['<', '>', '{', '}', '…', '=']) >= 0) return false;
        var first = word.Split('/')[0];
        return TopFolders.Contains(first, StringComparer.Ordinal) || FileEndings.Any(e => word.EndsWith(e, StringComparison.Ordinal));
    }

    private static bool Exists(string path)
    {
        var full = Path.Combine(Root, path.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        if (!path.Contains('*')) return File.Exists(full) || Directory.Exists(full);
        var directory = Path.GetDirectoryName(full)!;
        return Directory.Exists(directory) && Directory.EnumerateFiles(directory, Path.GetFileName(full)).Any();
    }

    private static bool IsBuildOutput(string file)
    {
        var parts = Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ezrouter.Generated.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Ezrouter.Generated.sln above {start}");
    }
}
