using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>
/// Stream types → static readers over <c>Utf8JsonReader</c> that build the same models Kiota's <c>JsonParseNode</c>
/// builds (same property semantics, same AdditionalData value types, same union selection), without a JsonDocument,
/// a deserializer dictionary or a closure per object: for SSE events (the hot path) and for whole JSON answers and
/// error envelopes, with <see cref="EmitDispatch"/> to find one by model type. Unlike Kiota's parse node, they refuse
/// a value of the wrong JSON type. Tests keep both paths producing identical models on well-formed JSON.
/// </summary>
public sealed class ReaderEmitter(CSharpTypes types)
{
    private static readonly string[] Usings = ["Ezrouter.Generated.Support", "Microsoft.Kiota.Abstractions.Serialization", "System", "System.Collections.Generic", "System.Text.Json"];

    public string ReadersNamespace => types.ModelsNamespace[..^".Models".Length] + ".Readers";

    public static string ReaderName(string typeName) => typeName + "Reader";

    private string Reader(string typeName) => $"global::{ReadersNamespace}.{ReaderName(typeName)}";

    public string EmitObject(ObjectDef model)
    {
        var w = Begin(model.Name);
        w.Open($"public static {types.Full(model.Name)} Read(ref Utf8JsonReader reader)");
        w.Line("return Read(ref reader, null);");
        w.Close();
        // Kiota's parse node gives a composed-type wrapper's unknown fields to the wrapper, not to the member it built.
        w.Summary("Reads one value; fields the model does not know go to <paramref name=\"additional\"/> (a wrapper's), or to the model's own AdditionalData when null.");
        w.Line("/// <param name=\"reader\">The reader.</param>");
        w.Line("/// <param name=\"additional\">Where unknown fields go, or null.</param>");
        w.Line("/// <returns>The model.</returns>");
        w.Open($"public static {types.Full(model.Name)} Read(ref Utf8JsonReader reader, IDictionary<string, object> additional)");
        w.Line("return Read(ref reader, additional, null);");
        w.Close();
        // A wrapper passes itself, not its dictionary: the dictionary is made only when an unknown field arrives.
        w.Summary("Reads one value; fields the model does not know go to <paramref name=\"additional\"/>, else to <paramref name=\"owner\"/>'s AdditionalData (a wrapper's, asked for only when such a field arrives), else to the model's own.");
        w.Line("/// <param name=\"reader\">The reader.</param>");
        w.Line("/// <param name=\"additional\">Where unknown fields go, or null.</param>");
        w.Line("/// <param name=\"owner\">Whose AdditionalData takes them when <paramref name=\"additional\"/> is null, or null.</param>");
        w.Line("/// <returns>The model.</returns>");
        w.Open($"internal static {types.Full(model.Name)} Read(ref Utf8JsonReader reader, IDictionary<string, object> additional, IAdditionalDataHolder owner)");
        w.Line($"var result = new {types.Full(model.Name)}();");
        // Not Kiota's way (it reads anything but an object as an empty model): an event is held to its spec.
        w.Line("if(reader.TokenType != JsonTokenType.StartObject) throw JsonReaderSupport.Mismatch(ref reader, \"an object\");");
        w.Open("while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName)");
        if (model.Properties.Count == 0)
        {
            w.Line("JsonReaderSupport.AddAdditional(ref reader, additional ?? (owner ?? result).AdditionalData);");
            w.Close();
            w.Line("return result;");
            w.Close();
            return End(w);
        }
        // One switch on the name's length instead of comparing it with every property name in turn.
        w.Open("switch(PropertyIndex(JsonReaderSupport.Name(ref reader)))");
        for (var i = 0; i < model.Properties.Count; i++)
        {
            var property = model.Properties[i];
            w.Open($"case {i}:");
            w.Line("reader.Read();");
            // Kiota: a JSON null leaves a known property unset.
            w.Line("if(reader.TokenType == JsonTokenType.Null) continue;");
            if (property.Interned) w.Line($"result.{property.Name} = JsonReaderSupport.InternedString(ref reader, ref _{property.Name}Interned);");
            else WriteAssignment(w, $"result.{property.Name}", property.Type);
            w.Line("break;");
            w.Close();
        }
        w.Open("default:");
        w.Line("JsonReaderSupport.AddAdditional(ref reader, additional ?? (owner ?? result).AdditionalData);");
        w.Line("break;");
        w.Close();
        w.Close();
        w.Close();
        w.Line("return result;");
        w.Close();
        WritePropertyIndex(w, model.Properties.Select(p => p.WireName).ToList());
        // Each interned property keeps the last string it read, per thread (x-ezrouter-interned).
        foreach (var property in model.Properties.Where(p => p.Interned))
        {
            w.Line("[ThreadStatic]");
            w.Line($"private static InternedValue _{property.Name}Interned;");
        }
        return End(w);
    }

    /// <summary>The index of a property's UTF-8 name in <paramref name="wireNames"/>, or -1: by length first, then bytes.</summary>
    private static void WritePropertyIndex(CodeWriter w, IReadOnlyList<string> wireNames)
    {
        w.Open("private static int PropertyIndex(ReadOnlySpan<byte> name)");
        w.Open("switch(name.Length)");
        foreach (var group in wireNames.Select((name, index) => (name, index)).GroupBy(p => System.Text.Encoding.UTF8.GetByteCount(p.name)).OrderBy(g => g.Key))
        {
            w.Line($"case {group.Key}:");
            foreach (var (name, index) in group) w.Line($"    if(name.SequenceEqual(\"{name}\"u8)) return {index};");
            w.Line("    break;");
        }
        w.Close();
        w.Line("return -1;");
        w.Close();
    }

    public string EmitUnion(UnionDef union)
    {
        var objects = union.ObjectMembers.ToList();
        var scalars = union.ScalarMembers.ToList();
        var collections = union.CollectionMembers.ToList();

        var w = Begin(union.Name);
        w.Open($"public static {types.Full(union.Name)} Read(ref Utf8JsonReader reader)");
        w.Line($"var result = new {types.Full(union.Name)}();");
        var keyword = "if";
        if (union.DiscriminatorProperty is { } property)
        {
            // Kiota reads the discriminator wherever it stands in the object; a copy of the reader looks ahead.
            // The tag repeats from event to event: the last one read is reused, not allocated again (x-ezrouter-interned's way).
            w.Line($"var mappingValue = JsonReaderSupport.PeekInternedString(reader, \"{property}\"u8, ref _mappingValueInterned);");
            // A value that names no type at all is malformed; one that names a type this SDK does not know is a
            // newer kind of event or block, and is kept the way Kiota keeps it (docs/gateway-behavior.md §21).
            var condition = scalars.Count == 0 ? "mappingValue == null" : "mappingValue == null && reader.TokenType == JsonTokenType.StartObject";
            w.Line($"if({condition}) throw JsonReaderSupport.Mismatch(ref reader, \"an object with a string \\\"{property}\\\"\");");
            foreach (var member in objects.Where(m => m.DiscriminatorValues.Count > 0))
            {
                foreach (var tag in member.DiscriminatorValues)
                {
                    w.Open($"{keyword}(\"{tag}\".Equals(mappingValue, StringComparison.OrdinalIgnoreCase))");
                    w.Line($"result.{member.Name} = {Reader(member.Type.Name!)}.Read(ref reader, {MemberAdditional(union)});");
                    w.Close();
                    keyword = "else if";
                }
            }
        }
        foreach (var member in scalars)
        {
            w.Open($"{keyword}({ScalarTest(member.Type)})");
            w.Line($"result.{member.Name} = {ScalarRead(member.Type)};");
            w.Close();
            keyword = "else if";
        }
        // As in Kiota's factory: once the scalars do not match, the first collection member takes the value.
        var fallback = collections.FirstOrDefault();
        var undiscriminated = objects.FirstOrDefault(m => m.DiscriminatorValues.Count == 0);
        Action body = fallback is not null ? () => WriteAssignment(w, $"result.{fallback.Name}", fallback.Type)
            : undiscriminated is not null ? () => w.Line($"result.{undiscriminated.Name} = {Reader(undiscriminated.Type.Name!)}.Read(ref reader, {MemberAdditional(union)});")
            // No member matched: Kiota's parse node hands every field to the wrapper's AdditionalData, or drops them.
            : union.HoldsAdditionalData ? () => w.Line("JsonReaderSupport.ReadAllAdditional(ref reader, result.AdditionalData);")
            : () => w.Line("reader.Skip();");
        if (keyword == "if") body();
        else
        {
            w.Open("else");
            body();
            w.Close();
        }
        w.Line("return result;");
        w.Close();
        if (union.DiscriminatorProperty is not null)
        {
            w.Line("[ThreadStatic]");
            w.Line("private static InternedValue _mappingValueInterned;");
        }
        return End(w);
    }

    /// <summary>Where a member's unknown fields go: the wrapper's AdditionalData when it has one (Kiota's shape), asked for only when one arrives.</summary>
    private static string MemberAdditional(UnionDef union) => union.HoldsAdditionalData ? "null, result" : "null";

    private CodeWriter Begin(string typeName)
    {
        var w = KiotaFile.Begin(ReadersNamespace, Usings);
        w.SummaryXml($"Reads <see cref=\"{types.Full(typeName)}\"/> straight from UTF-8 JSON, building the same model as Kiota's JSON parse node.");
        KiotaFile.GeneratedCode(w);
        w.Open($"public static class {ReaderName(typeName)}");
        w.Summary("Reads one value from a complete UTF-8 JSON document (an SSE event's data).");
        w.Line("/// <param name=\"json\">The UTF-8 JSON.</param>");
        w.Line("/// <returns>The model.</returns>");
        w.Open($"public static {types.Full(typeName)} Read(ReadOnlySpan<byte> json)");
        w.Line("var reader = new Utf8JsonReader(json);");
        w.Line("if(!reader.Read()) throw new JsonException(\"empty JSON\");");
        w.Line("return Read(ref reader);");
        w.Close();
        w.Summary("Reads one value; the reader stands on its first token and is left on its last.");
        w.Line("/// <param name=\"reader\">The reader.</param>");
        w.Line("/// <returns>The model.</returns>");
        return w;
    }

    private static string End(CodeWriter w)
    {
        w.Close();
        return KiotaFile.End(w);
    }

    /// <summary>The name of the lookup class: the reader of a JSON answer by the model type a call expects.</summary>
    public const string DispatchName = "ResponseReaders";

    /// <summary>
    /// The lookup of readers by the model a call expects (each JSON response and error envelope), as type tests in
    /// code: no reflection and no dictionary, so it stays trimmable and AOT-safe.
    /// </summary>
    public string EmitDispatch(IEnumerable<ObjectDef> answerTypes)
    {
        var names = answerTypes.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var w = KiotaFile.Begin(ReadersNamespace, Usings);
        w.Summary("Reads this client's JSON answers (responses and error envelopes) by the model type a call expects.");
        KiotaFile.GeneratedCode(w);
        w.Open($"public static class {DispatchName}");
        w.SummaryXml("Whether <see cref=\"TryRead\"/> has a reader for <paramref name=\"modelType\"/>.");
        w.Line("/// <param name=\"modelType\">The model type the call expects.</param>");
        w.Line("/// <returns>Whether a reader exists.</returns>");
        w.Open("public static bool CanRead(Type modelType)");
        foreach (var name in names) w.Line($"if(modelType == typeof({types.Full(name)})) return true;");
        w.Line("return false;");
        w.Close();
        w.SummaryXml("Reads one value as <paramref name=\"modelType\"/>; the reader stands on its first token and is left on its last. False (and nothing read) when there is no reader for the type.");
        w.Line("/// <param name=\"modelType\">The model type the call expects.</param>");
        w.Line("/// <param name=\"reader\">The reader.</param>");
        w.Line("/// <param name=\"model\">The model read, or null.</param>");
        w.Line("/// <returns>Whether a reader exists.</returns>");
        w.Open("public static bool TryRead(Type modelType, ref Utf8JsonReader reader, out IParsable model)");
        foreach (var name in names)
        {
            w.Open($"if(modelType == typeof({types.Full(name)}))");
            w.Line($"model = {Reader(name)}.Read(ref reader);");
            w.Line("return true;");
            w.Close();
        }
        w.Line("model = null;");
        w.Line("return false;");
        w.Close();
        w.Close();
        return KiotaFile.End(w);
    }

    /// <summary>Reads the value under the reader into <paramref name="target"/>, as Kiota's parse node would.</summary>
    private void WriteAssignment(CodeWriter w, string target, TypeRef type)
    {
        if (!type.IsCollection)
        {
            w.Line($"{target} = {Single(type)};");
            return;
        }
        var element = type.Kind == TypeRefKind.Enum ? types.Full(type.Name!) + "?" : types.Element(type);
        var item = Single(type with { IsCollection = false });
        w.Line("{");
        w.Line($"    var list = new List<{element}>();");
        // Not Kiota's way (it reads anything but an array as an empty collection): an event is held to its spec.
        w.Line("    if(reader.TokenType != JsonTokenType.StartArray) throw JsonReaderSupport.Mismatch(ref reader, \"an array\");");
        w.Line($"    while(reader.Read() && reader.TokenType != JsonTokenType.EndArray) JsonReaderSupport.Add(list, {item});");
        w.Line($"    {target} = list;");
        w.Line("}");
    }

    private string Single(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Object or TypeRefKind.Union => $"{Reader(type.Name!)}.Read(ref reader)",
        TypeRefKind.Untyped => "JsonReaderSupport.Untyped(ref reader)",
        _ => ScalarRead(type),
    };

    private static string ScalarTest(TypeRef type) => type.Kind == TypeRefKind.Enum
        ? "reader.TokenType == JsonTokenType.String"
        : type.Primitive switch
        {
            PrimitiveKind.String or PrimitiveKind.DateTimeOffset => "reader.TokenType == JsonTokenType.String",
            PrimitiveKind.Bool => "reader.TokenType == JsonTokenType.True || reader.TokenType == JsonTokenType.False",
            _ => "reader.TokenType == JsonTokenType.Number",
        };

    private string ScalarRead(TypeRef type) => type.Kind == TypeRefKind.Enum
        ? $"JsonReaderSupport.Enum<{types.Full(type.Name!)}>(ref reader)"
        : type.Primitive switch
        {
            PrimitiveKind.String => "JsonReaderSupport.String(ref reader)",
            PrimitiveKind.DateTimeOffset => "JsonReaderSupport.DateTimeOffset(ref reader)",
            PrimitiveKind.Int => "JsonReaderSupport.Int32(ref reader)",
            PrimitiveKind.Long => "JsonReaderSupport.Int64(ref reader)",
            PrimitiveKind.Double => "JsonReaderSupport.Double(ref reader)",
            PrimitiveKind.Float => "JsonReaderSupport.Single(ref reader)",
            PrimitiveKind.Bool => "JsonReaderSupport.Boolean(ref reader)",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
}
