using System.Text.RegularExpressions;

namespace Ezrouter.Generator.Model;

/// <summary>
/// A model pass run after Kiota: binds the types Kiota emitted to the shape Kiota really gave them, read from its
/// output, so the readers and writers built on them compile against that shape and agree with Kiota's parse node.
/// Two facts are read per class: whether it holds AdditionalData, and its properties. A class Kiota emitted with
/// no properties where the spec has some (Kiota 1.38 builds the items of an array that is a oneOf member from the
/// array schema, see openapi/README.md) becomes an empty object here too, and its members are not written.
/// </summary>
public static partial class KiotaShapes
{
    public static ApiModel Bind(ApiModel model, string kiotaModelsDirectory)
    {
        var csharp = new Emitting.CSharpTypes(model.Surface.Namespace);
        var kiota = model.KiotaTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (!Directory.Exists(kiotaModelsDirectory))
            throw new InvalidOperationException($"no Kiota output at {kiotaModelsDirectory}: run Kiota first (dotnet cake --target=Generate)");
        var types = model.Types.Select(TypeDef? (type) =>
        {
            if (!kiota.Contains(type.Name)) return type;
            var path = Path.Combine(kiotaModelsDirectory, type.Name + ".cs");
            // Not emitted: only reachable through a member Kiota emptied (below), so nothing refers to it.
            if (!File.Exists(path)) return null;
            var source = File.ReadAllText(path);
            var holds = source.Contains("IAdditionalDataHolder", StringComparison.Ordinal);
            // "Type Name" per property, the type as C# spells it without its '?': a reference type is declared twice
            // (string? inside the nullable-annotated block, string outside), a value type once (int?, DateTimeOffset?,
            // and an enum: Mode?), so the '?' tells nothing and is dropped before the duplicates are.
            var declared = Property().Matches(source)
                .Select(m => (Type: Unannotated(m.Groups[1].Value), Name: m.Groups[2].Value))
                .Where(p => p.Name != "AdditionalData")
                .Distinct().ToList();
            var properties = declared.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            return type switch
            {
                ObjectDef o when properties.Count == 0 && o.Properties.Count > 0 => o with { Properties = [], HoldsAdditionalData = holds },
                ObjectDef o => o with { HoldsAdditionalData = holds },
                UnionDef u when !source.Contains("IComposedTypeWrapper", StringComparison.Ordinal) =>
                    new ObjectDef(u.Name, u.Description, [], IsError: false, HoldsAdditionalData: holds),
                UnionDef u => u with { HoldsData = holds, Members = BindMembers(u, declared, csharp) },
                _ => type,
            };
        }).OfType<TypeDef>().ToList();
        return model with { Types = types };
    }

    /// <summary>
    /// A union's members as Kiota named them, found by their C# type. Kiota drops a member it cannot tell apart by
    /// reading (an integer beside a nullable string) and renames a scalar when a collection of it takes its name.
    /// </summary>
    private static List<UnionMember> BindMembers(UnionDef union, List<(string Type, string Name)> declared, Emitting.CSharpTypes csharp)
    {
        var members = new List<UnionMember>();
        foreach (var member in union.Members)
        {
            var type = Unannotated(csharp.Declared(member.Type));
            var match = declared.Where(p => p.Type == type).Select(p => p.Name).FirstOrDefault();
            if (match is not null) members.Add(member with { Name = match });
        }
        return members;
    }

    /// <summary>A declared type without global:: and without its trailing '?' (List&lt;Mode?&gt; keeps the inner one).</summary>
    private static string Unannotated(string type) =>
        type.Replace("global::", string.Empty, StringComparison.Ordinal) is var name && name.EndsWith('?') ? name[..^1] : name;

    [GeneratedRegex(@"public ([^\s]+) (\w+) \{ get; set; \}")]
    private static partial Regex Property();
}
