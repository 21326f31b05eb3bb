using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>
/// Request types of stream operations → static writers over <c>Utf8JsonWriter</c> that write the bytes Kiota's
/// <c>JsonSerializationWriter</c> writes for the same model (same property order, same null handling, same number
/// and string encoding), without its per-call writer, pooled stream and per-object bookkeeping. What only Kiota's
/// writer handles (additional data, an unrecognized union variant, enum and date values) makes a writer return
/// false, and the caller falls back to Kiota. Tests keep both writers producing identical bytes.
/// </summary>
public sealed class WriterEmitter(CSharpTypes types)
{
    private static readonly string[] Usings = ["Ezrouter.Generated.Support", "Microsoft.Kiota.Abstractions.Serialization", "System", "System.Collections.Generic", "System.Text.Json"];

    public string WritersNamespace => types.ModelsNamespace[..^".Models".Length] + ".Writers";

    public static string WriterName(string typeName) => typeName + "Writer";

    private string Writer(string typeName) => $"global::{WritersNamespace}.{WriterName(typeName)}";

    public string EmitObject(ObjectDef model)
    {
        var w = Begin(model.Name, "Writes the model as a JSON object");
        w.Line("return TryWrite(writer, value, null);");
        w.Close();
        // A composed-type wrapper's own AdditionalData belongs inside its member's object: Kiota's Serialize writes it
        // after that object has closed, which Utf8JsonWriter refuses (an InvalidOperationException on send).
        w.Summary("Writes the model as a JSON object, then <paramref name=\"wrapperData\"/> (its composed-type wrapper's AdditionalData) inside it.");
        w.Line("/// <param name=\"writer\">The writer.</param>");
        w.Line("/// <param name=\"value\">The value.</param>");
        w.Line("/// <param name=\"wrapperData\">The wrapper's AdditionalData, or null.</param>");
        w.Line("/// <returns>Whether the value was written.</returns>");
        w.Open($"public static bool TryWrite(Utf8JsonWriter writer, {types.Full(model.Name)} value, IDictionary<string, object> wrapperData)");
        w.Line($"if(value.GetType() != typeof({types.Full(model.Name)})) return false;");
        w.Line("writer.WriteStartObject();");
        // Kiota's Serialize writes properties in wire-name order, then AdditionalData; so does this.
        foreach (var property in model.Properties.OrderBy(p => p.WireName, StringComparer.Ordinal))
            WriteProperty(w, property.WireName, $"value.{property.Name}", property.Type);
        if (model.HoldsAdditionalData) w.Line("if(!JsonWriterSupport.TryWriteAdditional(writer, value.AdditionalData)) return false;");
        w.Line("if(!JsonWriterSupport.TryWriteAdditional(writer, wrapperData)) return false;");
        w.Line("writer.WriteEndObject();");
        w.Line("return true;");
        return End(w);
    }

    public string EmitUnion(UnionDef union)
    {
        var objects = union.ObjectMembers.ToList();
        var w = Begin(union.Name, "Writes the selected member's value (a composed-type wrapper has no object of its own)");
        var data = union.HoldsAdditionalData ? "value.AdditionalData" : "null";
        // Kiota's Serialize tries object members in name order: with two set, both send the same one.
        foreach (var member in objects.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            w.Open($"if(value.{member.Name} != null)");
            w.Line($"return {Writer(member.Type.Name!)}.TryWrite(writer, value.{member.Name}, {data});");
            w.Close();
        }
        // A scalar or a collection has no object to hold the wrapper's fields: only Kiota's writer would try.
        var valueMembers = union.ScalarMembers.Concat(union.CollectionMembers).ToList();
        if (union.HoldsAdditionalData && valueMembers.Count > 0)
            w.Line("if(value.AdditionalData != null && value.AdditionalData.Count > 0 && (" + string.Join(" || ", valueMembers.Select(m => $"value.{m.Name} != null")) + ")) return false;");
        foreach (var member in union.ScalarMembers.Concat(union.CollectionMembers))
        {
            w.Open($"if(value.{member.Name} != null)");
            WriteValue(w, IsNullableValue(member.Type) ? $"value.{member.Name}.Value" : $"value.{member.Name}", member.Type);
            w.Line("return true;");
            w.Close();
        }
        if (union.HoldsAdditionalData)
        {
            // No member: a variant the spec does not model (a new content block type), read whole into the wrapper's
            // AdditionalData; it is written back as the object it was. Kiota's writer would write its fields with no
            // object around them and fail.
            w.Open("if(value.AdditionalData != null && value.AdditionalData.Count > 0)");
            w.Line("writer.WriteStartObject();");
            w.Line("if(!JsonWriterSupport.TryWriteAdditional(writer, value.AdditionalData)) return false;");
            w.Line("writer.WriteEndObject();");
            w.Line("return true;");
            w.Close();
        }
        // As the wrapper's Serialize: no member set is left to Kiota when there are object members, else a JSON null.
        if (objects.Count > 0) w.Line("return false;");
        else
        {
            w.Line("writer.WriteNullValue();");
            w.Line("return true;");
        }
        return End(w);
    }

    /// <summary>One property, as the model's Serialize writes it: nothing when unset, else the name and the value.</summary>
    private void WriteProperty(CodeWriter w, string wireName, string value, TypeRef type)
    {
        if (!type.IsCollection && type.Kind == TypeRefKind.Untyped)
        {
            // Kiota's untyped path writes the name itself, and writes nothing at all for some values.
            w.Line($"if({value} != null && !JsonWriterSupport.TryWriteUntyped(writer, \"{wireName}\", {value})) return false;");
            return;
        }
        if (Unsupported(type))
        {
            w.Line($"if({value} != null) return false;");
            return;
        }
        w.Open($"if({value} != null)");
        w.Line($"writer.WritePropertyName(\"{wireName}\"u8);");
        WriteValue(w, IsNullableValue(type) ? $"{value}.Value" : value, type);
        w.Close();
    }

    /// <summary>A value known not to be null.</summary>
    private void WriteValue(CodeWriter w, string value, TypeRef type)
    {
        if (Unsupported(type))
        {
            w.Line("return false;");
            return;
        }
        if (type.IsCollection)
        {
            w.Line("writer.WriteStartArray();");
            w.Open($"foreach(var item in {value})");
            var element = type with { IsCollection = false };
            switch (element.Kind)
            {
                case TypeRefKind.Object or TypeRefKind.Union:
                    // Kiota writes nothing for a null item.
                    w.Line($"if(item != null && !{Writer(element.Name!)}.TryWrite(writer, item)) return false;");
                    break;
                case TypeRefKind.Untyped:
                    w.Line("if(item != null && !JsonWriterSupport.TryWriteUntyped(writer, null, item)) return false;");
                    break;
                default:
                    w.Line($"if(item == null) writer.WriteNullValue(); else {Scalar(element, IsNullableValue(element) ? "item.Value" : "item")};");
                    break;
            }
            w.Close();
            w.Line("writer.WriteEndArray();");
            return;
        }
        switch (type.Kind)
        {
            case TypeRefKind.Object or TypeRefKind.Union:
                w.Line($"if(!{Writer(type.Name!)}.TryWrite(writer, {value})) return false;");
                break;
            case TypeRefKind.Untyped:
                w.Line($"if(!JsonWriterSupport.TryWriteUntyped(writer, null, {value})) return false;");
                break;
            default:
                w.Line(Scalar(type, value) + ";");
                break;
        }
    }

    private static bool IsNullableValue(TypeRef type) =>
        !type.IsCollection && type.Kind == TypeRefKind.Primitive && type.Primitive != PrimitiveKind.String;

    /// <summary>Values only Kiota's writer writes (enum names by reflection, dates through JsonSerializer): fall back.</summary>
    private static bool Unsupported(TypeRef type) =>
        type.Kind == TypeRefKind.Enum || (type.Kind == TypeRefKind.Primitive && type.Primitive == PrimitiveKind.DateTimeOffset);

    private static string Scalar(TypeRef type, string value) => type.Primitive switch
    {
        PrimitiveKind.String => $"writer.WriteStringValue({value})",
        PrimitiveKind.Bool => $"writer.WriteBooleanValue({value})",
        _ => $"writer.WriteNumberValue({value})",
    };

    private CodeWriter Begin(string typeName, string what)
    {
        var w = KiotaFile.Begin(WritersNamespace, Usings);
        w.SummaryXml($"Writes <see cref=\"{types.Full(typeName)}\"/> as UTF-8 JSON, byte for byte as Kiota's JSON serialization writer does.");
        KiotaFile.GeneratedCode(w);
        w.Open($"public static class {WriterName(typeName)}");
        w.Summary($"{what}; false when the value holds what only Kiota's writer writes (the output so far is then to be discarded).");
        w.Line("/// <param name=\"writer\">The writer.</param>");
        w.Line("/// <param name=\"value\">The value.</param>");
        w.Line("/// <returns>Whether the value was written.</returns>");
        w.Open($"public static bool TryWrite(Utf8JsonWriter writer, {types.Full(typeName)} value)");
        // A subclass may override Serialize (the models' Serialize is virtual): only Kiota's writer calls it.
        w.Line($"if(value.GetType() != typeof({types.Full(typeName)})) return false;");
        return w;
    }

    private static string End(CodeWriter w)
    {
        w.Close();
        w.Close();
        return KiotaFile.End(w);
    }

    /// <summary>The helpers and the entry point, one internal class per client.</summary>
    /// <summary>The entry point by model type: one static class per client, listing the types it has writers for.</summary>
    public string EmitDispatch(IEnumerable<ObjectDef> requestTypes)
    {
        var w = KiotaFile.Begin(WritersNamespace, Usings);
        w.Summary("Writes a request body this client has a writer for, by the model's type.");
        KiotaFile.GeneratedCode(w);
        w.Open($"public static class {DispatchName}");
        w.Summary("Writes a request body this client has a writer for; false when it has none or the value needs Kiota's writer.");
        w.Line("/// <param name=\"writer\">The writer.</param>");
        w.Line("/// <param name=\"value\">The model.</param>");
        w.Line("/// <returns>Whether the value was written.</returns>");
        w.Open("public static bool TryWrite(Utf8JsonWriter writer, IParsable value)");
        w.Open("switch(value)");
        foreach (var name in requestTypes.Select(t => t.Name).Order(StringComparer.Ordinal))
            w.Line($"case {types.Full(name)} model: return {Writer(name)}.TryWrite(writer, model);");
        w.Line("default: return false;");
        w.Close();
        w.Close();
        w.Close();
        return KiotaFile.End(w);
    }

    /// <summary>The name of the entry-point class.</summary>
    public const string DispatchName = "RequestBodyWriters";
}
