using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ezrouter.Testing.Tests;

/// <summary>The public API listing is committed; a change to the surface shows up as a diff in review.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheCommittedListing()
    {
        var golden = GoldenPath();
        var actual = Listing(typeof(RecordedGateway).Assembly);

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), actual);
    }

    private static string Listing(Assembly assembly)
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

    private static string GoldenPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "TestData", "PublicApiTests", "Ezrouter.Testing.txt");
}
