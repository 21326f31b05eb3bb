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
    private static readonly string[] Usings = ["Microsoft.Kiota.Abstractions.Serialization", "System", "System.Collections.Generic", "System.Text.Json"];

    private readonly List<string> _objectTypes = [];

    public string WritersNamespace => types.ModelsNamespace[..^".Models".Length] + ".Writers";

    public static string WriterName(string typeName) => typeName + "Writer";

    private string Writer(string typeName) => $"global::{WritersNamespace}.{WriterName(typeName)}";

    public string EmitObject(ObjectDef model)
    {
        _objectTypes.Add(model.Name);
        var w = Begin(model.Name, "Writes the model as a JSON object");
        w.Line("if(value.HasAdditionalData) return false;");
        w.Line("writer.WriteStartObject();");
        // Kiota's Serialize writes properties in wire-name order (ModelEmitter); so does this.
        foreach (var property in model.Properties.OrderBy(p => p.WireName, StringComparer.Ordinal))
            WriteProperty(w, property.WireName, $"value.{property.Name}", property.Type);
        w.Line("writer.WriteEndObject();");
        w.Line("return true;");
        return End(w);
    }

    public string EmitUnion(UnionDef union)
    {
        var objects = union.ObjectMembers.ToList();
        var w = Begin(union.Name, "Writes the selected member's value (a composed-type wrapper has no object of its own)");
        foreach (var member in objects.Concat(union.ScalarMembers).Concat(union.CollectionMembers))
        {
            w.Open($"if(value.{member.Name} != null)");
            WriteValue(w, IsNullableValue(member.Type) ? $"value.{member.Name}.Value" : $"value.{member.Name}", member.Type);
            w.Line("return true;");
            w.Close();
        }
        // As the wrapper's Serialize: no member set is an unrecognized variant (Kiota's writer writes it back from
        // AdditionalData) when there are object members, else a JSON null.
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
    public string EmitSupport()
    {
        var w = KiotaFile.Begin(WritersNamespace, Usings);
        w.Summary("Kiota's JSON serialization-writer conversions on a Utf8JsonWriter, and the entry point by model type.");
        KiotaFile.GeneratedCode(w);
        w.Open("public static class JsonWriterSupport");
        w.Summary("Writes a request body this client has a writer for; false when it has none or the value needs Kiota's writer.");
        w.Line("/// <param name=\"writer\">The writer.</param>");
        w.Line("/// <param name=\"value\">The model.</param>");
        w.Line("/// <returns>Whether the value was written.</returns>");
        w.Open("public static bool TryWrite(Utf8JsonWriter writer, IParsable value)");
        w.Open("switch(value)");
        foreach (var name in _objectTypes.Order(StringComparer.Ordinal))
            w.Line($"case {types.Full(name)} model: return {Writer(name)}.TryWrite(writer, model);");
        w.Line("default: return false;");
        w.Close();
        w.Close();
        foreach (var line in SupportBody.Split('\n')) w.Line(line.TrimEnd('\r'));
        w.Close();
        return KiotaFile.End(w);
    }

    // Mirrors JsonSerializationWriter.WriteUntypedValue in Microsoft.Kiota.Serialization.Json 1.22.1, including what it
    // leaves out: a string node holding null writes nothing (not even its name), and an unknown node writes nothing.
    private const string SupportBody = """

        /// <summary>Writes free-form JSON as Kiota's writer does, the property name first when there is one; false for what it cannot mirror.</summary>
        /// <param name="writer">The writer.</param>
        /// <param name="name">The property name, or null inside an array.</param>
        /// <param name="node">The value.</param>
        /// <returns>Whether the value was written.</returns>
        public static bool TryWriteUntyped(Utf8JsonWriter writer, string name, UntypedNode node)
        {
            switch(node)
            {
                case UntypedString text:
                    var value = text.GetValue();
                    if(value == null) return true;
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteStringValue(value);
                    return true;
                case UntypedBoolean boolean:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteBooleanValue(boolean.GetValue());
                    return true;
                case UntypedInteger integer:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(integer.GetValue());
                    return true;
                case UntypedLong number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedDecimal number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedFloat number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedDouble number:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNumberValue(number.GetValue());
                    return true;
                case UntypedNull:
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteNullValue();
                    return true;
                case UntypedArray array:
                    var items = array.GetValue();
                    if(items == null) return true;
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteStartArray();
                    foreach(var item in items)
                    {
                        if(item != null && !TryWriteUntyped(writer, null, item)) return false;
                    }
                    writer.WriteEndArray();
                    return true;
                case UntypedObject map:
                    var properties = map.GetValue();
                    if(properties == null) return true;
                    if(!string.IsNullOrEmpty(name)) writer.WritePropertyName(name);
                    writer.WriteStartObject();
                    foreach(var property in properties)
                    {
                        // Kiota writes no name for an empty key (invalid JSON), and nothing for a null value.
                        if(string.IsNullOrEmpty(property.Key)) return false;
                        if(property.Value != null && !TryWriteUntyped(writer, property.Key, property.Value)) return false;
                    }
                    writer.WriteEndObject();
                    return true;
                default:
                    return false;
            }
        }
        """;
}
