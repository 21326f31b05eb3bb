using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ezrouter.TestSupport;

/// <summary>
/// A public API listing of an assembly: one line per exported type and member, ordinal-sorted, for a committed
/// golden file that makes every change to a public surface visible in review. Shared by the test projects.
/// </summary>
public static class PublicApiListing
{
    public static string Listing(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName).Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Select(Describe)
                .OrderBy(s => s, StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) => type switch
    {
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        { IsInterface: true } => "interface",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static string Describe(MemberInfo member) => member switch
    {
        PropertyInfo p => $"{p.PropertyType} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{Setter(p)}}}",
        FieldInfo { IsLiteral: true } f => $"const {f.FieldType} {f.Name} = {f.GetRawConstantValue()}",
        MethodInfo { IsStatic: true } m => "static " + m,
        _ => member.ToString() ?? member.Name,
    };

    private static string Setter(PropertyInfo property)
    {
        if (property.SetMethod is not { IsPublic: true } setter)
        {
            return string.Empty;
        }

        var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
        return isInit ? "init; " : "set; ";
    }

    /// <summary>
    /// Compares an assembly's listing to the golden file, named relative to the repository root; UPDATE_GOLDEN=1
    /// rewrites the file. The root is found from the test binaries, not [CallerFilePath]: a CI build (CI=true) sets
    /// ContinuousIntegrationBuild, whose PathMap turns compile-time paths into "/_/...".
    /// </summary>
    public static void AssertMatches(Assembly assembly, string goldenPathFromRoot)
    {
        var goldenPath = Path.Combine(RepositoryRoot(AppContext.BaseDirectory), goldenPathFromRoot);
        var actual = Listing(assembly);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(goldenPath, actual);
        Xunit.Assert.Equal(File.ReadAllText(goldenPath).ReplaceLineEndings("\n"), actual);
    }

    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ezrouter.Generated.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Ezrouter.Generated.sln above {start}");
    }
}
