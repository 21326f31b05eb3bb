using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>
/// oneOf → a Kiota composed-type wrapper: one property per member; the factory picks the member by discriminator,
/// then by the JSON value's kind. Only the SSE event unions come from here (Kiota emits every other union). A wrapper
/// with object members holds AdditionalData of its own, as Kiota's <c>ContentBlock</c> does: Kiota's JSON reader puts
/// a wrapper's unknown fields (every field of an unmodelled event type) there, and its Serialize writes them after
/// the member.
/// </summary>
public sealed class UnionEmitter(CSharpTypes types)
{
    public string Emit(UnionDef union)
    {
        var objectMembers = union.ObjectMembers.ToList();
        var scalars = union.ScalarMembers.ToList();
        var collections = union.CollectionMembers.ToList();
        var holdsData = objectMembers.Count > 0;

        var w = KiotaFile.Begin(types.ModelsNamespace, "Microsoft.Kiota.Abstractions.Extensions", "Microsoft.Kiota.Abstractions.Serialization", "System", "System.Collections.Generic", "System.IO");
        w.Summary(Docs.Or(union.Description, $"Composed type wrapper for {string.Join(", ", union.Members.Select(m => m.Name))}."));
        KiotaFile.GeneratedCode(w);
        w.Open($"public partial class {union.Name} : IComposedTypeWrapper, {(holdsData ? "IAdditionalDataHolder, " : string.Empty)}IParsable");

        if (holdsData)
        {
            // Allocated on first use (Kiota allocates it in the constructor): almost no event carries unknown fields.
            w.Line("private IDictionary<string, object> _additionalData;");
            w.Line("/// <summary>Stores additional data not described in the OpenAPI description found when deserializing. Can be used for serialization as well.</summary>");
            w.Line("public IDictionary<string, object> AdditionalData");
            w.Line("{");
            w.Line("    get { return _additionalData ?? (_additionalData = new Dictionary<string, object>()); }");
            w.Line("    set { _additionalData = value; }");
            w.Line("}");
        }
        foreach (var m in union.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            w.Line($"/// <summary>Composed type representation for type <see cref=\"{Cref(m.Type)}\"/></summary>");
            KiotaFile.Property(w, types.Declared(m.Type), m.Name, CSharpTypes.IsReference(m.Type));
        }

        WriteFactory(w, union, objectMembers, scalars, collections);
        WriteDeserializers(w, objectMembers);
        WriteSerialize(w, objectMembers, scalars, collections);

        w.Close();
        return KiotaFile.End(w);
    }

    private string Cref(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Primitive => type.Primitive switch
        {
            PrimitiveKind.String => "string",
            PrimitiveKind.Int => "int",
            PrimitiveKind.Long => "long",
            PrimitiveKind.Double => "double",
            PrimitiveKind.Float => "float",
            PrimitiveKind.Bool => "bool",
            _ => "DateTimeOffset",
        },
        _ => types.Full(type.Name!),
    };

    private void WriteFactory(CodeWriter w, UnionDef union, List<UnionMember> objects, List<UnionMember> scalars, List<UnionMember> collections)
    {
        w.Summary("Creates a new instance of the appropriate class based on discriminator value");
        w.Line($"/// <returns>A <see cref=\"{types.Full(union.Name)}\"/></returns>");
        w.Line("/// <param name=\"parseNode\">The parse node to use to read the discriminator value and create the object</param>");
        w.Open($"public static {types.Full(union.Name)} CreateFromDiscriminatorValue(IParseNode parseNode)");
        KiotaFile.Guard(w, "parseNode");
        if (union.DiscriminatorProperty is { } property)
            w.Line($"var mappingValue = parseNode.GetChildNode(\"{property}\")?.GetStringValue();");
        w.Line($"var result = new {types.Full(union.Name)}();");

        var keyword = "if";
        // Objects chosen by the discriminator first, then scalars, then collections (Kiota's branch order).
        foreach (var m in objects.Where(m => m.DiscriminatorValues.Count > 0))
        {
            foreach (var tag in m.DiscriminatorValues)
            {
                w.Open($"{keyword}(\"{tag}\".Equals(mappingValue, StringComparison.OrdinalIgnoreCase))");
                w.Line($"result.{m.Name} = new {types.Full(m.Type.Name!)}();");
                w.Close();
                keyword = "else if";
            }
        }
        foreach (var m in scalars)
        {
            var variable = char.ToLowerInvariant(m.Name[0]) + m.Name[1..] + "Value";
            var type = types.Element(m.Type).TrimEnd('?');
            w.Open($"{keyword}({types.Read(m.Type, "parseNode")} is {type} {variable})");
            w.Line($"result.{m.Name} = {variable};");
            w.Close();
            keyword = "else if";
        }
        foreach (var m in collections)
        {
            var variable = char.ToLowerInvariant(m.Name[0]) + m.Name[1..] + "Value";
            w.Open($"{keyword}({types.Read(m.Type, "parseNode")} is {types.Declared(m.Type)} {variable})");
            w.Line($"result.{m.Name} = {variable};");
            w.Close();
            keyword = "else if";
        }
        // One object member without a discriminator: whatever is not a scalar or an array (openapi/README.md §5).
        foreach (var m in objects.Where(m => m.DiscriminatorValues.Count == 0))
        {
            if (keyword == "if") w.Line($"result.{m.Name} = {(m.Type.Kind == TypeRefKind.Union ? $"{types.Full(m.Type.Name!)}.CreateFromDiscriminatorValue(parseNode)" : $"new {types.Full(m.Type.Name!)}()")};");
            else
            {
                w.Open("else");
                w.Line($"result.{m.Name} = {(m.Type.Kind == TypeRefKind.Union ? $"{types.Full(m.Type.Name!)}.CreateFromDiscriminatorValue(parseNode)" : $"new {types.Full(m.Type.Name!)}()")};");
                w.Close();
            }
        }
        w.Line("return result;");
        w.Close();
    }

    private static void WriteDeserializers(CodeWriter w, List<UnionMember> objects)
    {
        w.Summary("The deserialization information for the current model");
        w.Line("/// <returns>A IDictionary&lt;string, Action&lt;IParseNode&gt;&gt;</returns>");
        w.Open("public virtual IDictionary<string, Action<IParseNode>> GetFieldDeserializers()");
        var keyword = "if";
        foreach (var m in objects)
        {
            w.Open($"{keyword}({m.Name} != null)");
            w.Line($"return {m.Name}.GetFieldDeserializers();");
            w.Close();
            keyword = "else if";
        }
        w.Line("return new Dictionary<string, Action<IParseNode>>();");
        w.Close();
    }

    private void WriteSerialize(CodeWriter w, List<UnionMember> objects, List<UnionMember> scalars, List<UnionMember> collections)
    {
        w.Summary("Serializes information the current object");
        w.Line("/// <param name=\"writer\">Serialization writer to use to serialize this model</param>");
        w.Open("public virtual void Serialize(ISerializationWriter writer)");
        KiotaFile.Guard(w, "writer");
        var keyword = "if";
        foreach (var m in objects.Concat(scalars).Concat(collections))
        {
            w.Open($"{keyword}({m.Name} != null)");
            w.Line(types.Write(m.Type, "null", m.Name));
            w.Close();
            keyword = "else if";
        }
        if (objects.Count > 0) w.Line("if(_additionalData != null) writer.WriteAdditionalData(_additionalData);");
        w.Close();
    }
}
