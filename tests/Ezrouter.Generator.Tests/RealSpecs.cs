using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Tests;

/// <summary>The repository's own specs and surfaces, for tests that regenerate the committed clients.</summary>
public static class RealSpecs
{
    public static string RepositoryRoot { get; } = ClientGenerator.FindRepositoryRoot(AppContext.BaseDirectory);

    /// <summary>Theory data: one row per entry of <see cref="ClientGenerator.Surfaces"/>, keyed by spec path.</summary>
    public static TheoryData<string> SpecPaths => new(ClientGenerator.Surfaces.Select(s => s.SpecPath));

    public static SurfaceConfig Surface(string specPath) => ClientGenerator.Surfaces.Single(s => s.SpecPath == specPath);

    /// <summary>
    /// A temporary copy of the repository's layout holding one spec (the committed one, or <paramref name="specText"/>)
    /// and the tool manifest, with Kiota's client for <paramref name="surface"/> generated into it by the pinned CLI.
    /// </summary>
    public static async Task<string> GenerateWithKiotaAsync(string prefix, SurfaceConfig surface, string? specText = null)
    {
        var root = CreateTempDirectory(prefix);
        Directory.CreateDirectory(Path.Combine(root, ".config"));
        File.Copy(Path.Combine(RepositoryRoot, ".config", "dotnet-tools.json"), Path.Combine(root, ".config", "dotnet-tools.json"));
        Directory.CreateDirectory(Path.Combine(root, "openapi"));
        var spec = Path.Combine(root, surface.SpecPath);
        if (specText is null) File.Copy(Path.Combine(RepositoryRoot, surface.SpecPath), spec);
        else File.WriteAllText(spec, specText);
        await KiotaCli.GenerateAsync(root, surface);
        return root;
    }

    /// <summary>A fresh temporary folder outside the repository.</summary>
    public static string CreateTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        Assert.False(IsInside(path, RepositoryRoot), $"temporary folder {path} is inside the repository {RepositoryRoot}");
        return path;
    }

    public static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    public static void DeleteQuietly(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
