using System.Text;

namespace Ezrouter.Generator.Tests;

/// <summary>Compares generated files (relative path → text) to a folder on disk, byte for byte.</summary>
public sealed record GeneratedTree(IReadOnlyList<string> Differing, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra)
{
    public bool IsClean => Differing.Count == 0 && Missing.Count == 0 && Extra.Count == 0;

    /// <summary>Every file under <paramref name="directory"/>, by relative path (forward slashes).</summary>
    public static IReadOnlyDictionary<string, string> Read(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), f => File.ReadAllText(f), StringComparer.Ordinal);

    public static GeneratedTree Compare(IReadOnlyDictionary<string, string> generated, string directory)
    {
        var onDisk = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .ToHashSet(StringComparer.Ordinal)
            : [];
        var differing = new List<string>();
        var missing = new List<string>();
        foreach (var (path, text) in generated.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!onDisk.Contains(path)) missing.Add(path);
            else if (!File.ReadAllBytes(Path.Combine(directory, path)).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(text))) differing.Add(path);
        }
        var extra = onDisk.Where(p => !generated.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        return new GeneratedTree(differing, missing, extra);
    }

    public string Describe(string label)
    {
        var text = new StringBuilder($"{label} is out of date with its spec:\n");
        foreach (var f in Differing) text.Append("  differs: ").Append(f).Append('\n');
        foreach (var f in Missing) text.Append("  missing: ").Append(f).Append('\n');
        foreach (var f in Extra) text.Append("  extra:   ").Append(f).Append('\n');
        return text.Append("Regenerate with: dotnet tool restore && dotnet cake --target=Generate").ToString();
    }
}
