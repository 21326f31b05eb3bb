using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>
/// Stream types → static readers over <c>Utf8JsonReader</c> that build the same models Kiota's <c>JsonParseNode</c>
/// builds (same property semantics, same AdditionalData value types, same union selection), without a JsonDocument,
/// a deserializer dictionary or a closure per object. SSE events are the hot path; everything else keeps Kiota's
/// path. Tests keep both paths producing identical models.
/// </summary>
public sealed class ReaderEmitter(CSharpTypes types)
{
    private static readonly string[] Usings = ["Microsoft.Kiota.Abstractions.Serialization", "System", "System.Collections.Generic", "System.Text.Json"];

    private int _internSlots;

    public string ReadersNamespace => types.ModelsNamespace[..^".Models".Length] + ".Readers";

    public static string ReaderName(string typeName) => typeName + "Reader";

    private string Reader(string typeName) => $"global::{ReadersNamespace}.{ReaderName(typeName)}";

    public string EmitObject(ObjectDef model)
    {
        var w = Begin(model.Name);
        w.Open($"public static {types.Full(model.Name)} Read(ref Utf8JsonReader reader)");
        w.Line($"var result = new {types.Full(model.Name)}();");
        w.Open("if(reader.TokenType != JsonTokenType.StartObject)");
        w.Line("reader.Skip();");
        w.Line("return result;");
        w.Close();
        w.Open("while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName)");
        if (model.Properties.Count == 0)
        {
            w.Line("JsonReaderSupport.AddAdditional(ref reader, result.AdditionalData);");
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
            if (property.Interned) w.Line($"result.{property.Name} = JsonReaderSupport.InternedString(ref reader, {_internSlots++});");
            else WriteAssignment(w, $"result.{property.Name}", property.Type);
            w.Line("break;");
            w.Close();
        }
        w.Open("default:");
        w.Line("JsonReaderSupport.AddAdditional(ref reader, result.AdditionalData);");
        w.Line("break;");
        w.Close();
        w.Close();
        w.Close();
        w.Line("return result;");
        w.Close();
        WritePropertyIndex(w, model.Properties.Select(p => p.WireName).ToList());
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
            w.Line($"var mappingValue = JsonReaderSupport.PeekString(reader, \"{property}\"u8);");
            foreach (var member in objects.Where(m => m.DiscriminatorValues.Count > 0))
            {
                foreach (var tag in member.DiscriminatorValues)
                {
                    w.Open($"{keyword}(\"{tag}\".Equals(mappingValue, StringComparison.OrdinalIgnoreCase))");
                    w.Line($"result.{member.Name} = {Reader(member.Type.Name!)}.Read(ref reader);");
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
            : undiscriminated is not null ? () => w.Line($"result.{undiscriminated.Name} = {Reader(undiscriminated.Type.Name!)}.Read(ref reader);")
            // No member matched: Kiota's parse node hands every field to the wrapper's AdditionalData.
            : objects.Count > 0 ? () => w.Line("JsonReaderSupport.ReadAllAdditional(ref reader, result.AdditionalData);")
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
        return End(w);
    }

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
        // Kiota: anything but an array reads as an empty collection.
        w.Line("    if(reader.TokenType == JsonTokenType.StartArray)");
        w.Line("    {");
        w.Line($"        while(reader.Read() && reader.TokenType != JsonTokenType.EndArray) JsonReaderSupport.Add(list, {item});");
        w.Line("    }");
        w.Line("    else reader.Skip();");
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

    /// <summary>The shared helpers, one internal class per client: Kiota's value conversions on a Utf8JsonReader.</summary>
    public string EmitSupport()
    {
        var w = KiotaFile.Begin(ReadersNamespace, [.. Usings, "Microsoft.Kiota.Abstractions.Helpers", "System.Globalization"]);
        w.Summary("Kiota's JSON parse-node conversions, on a Utf8JsonReader standing on a value.");
        KiotaFile.GeneratedCode(w);
        w.Open("internal static class JsonReaderSupport");
        w.Line($"private const int InternSlots = {Math.Max(1, _internSlots)};");
        foreach (var line in SupportBody.Split('\n')) w.Line(line.TrimEnd('\r'));
        w.Close();
        return KiotaFile.End(w);
    }

    // Each member mirrors one JsonParseNode method in Microsoft.Kiota.Serialization.Json 1.22.1.
    private const string SupportBody = """
        // Every reader leaves the reader on the value's last token: a mismatched object or array is skipped whole,
        // so its properties are not read as the enclosing object's.
        public static string String(ref Utf8JsonReader reader)
        {
            if(reader.TokenType == JsonTokenType.String) return reader.GetString();
            reader.Skip();
            return null;
        }

        [ThreadStatic]
        private static InternedValue[] _interned;

        private sealed class InternedValue
        {
            public byte[] Utf8;
            public string Value;
        }

        /// <summary>
        /// A string that repeats across a stream's events (x-ezrouter-interned): when the bytes equal the last value
        /// read in this slot on this thread, that string is reused instead of allocating a new one.
        /// </summary>
        public static string InternedString(ref Utf8JsonReader reader, int slot)
        {
            if(reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return null;
            }
            if(reader.HasValueSequence || reader.ValueSpan.Length > 128) return reader.GetString();
            var bytes = reader.ValueSpan;
            if(bytes.IndexOf((byte)'\\') >= 0) return reader.GetString();
            var cache = _interned ?? (_interned = new InternedValue[InternSlots]);
            var entry = cache[slot];
            if(entry != null && bytes.SequenceEqual(entry.Utf8)) return entry.Value;
            var value = reader.GetString();
            cache[slot] = new InternedValue { Utf8 = bytes.ToArray(), Value = value };
            return value;
        }

        /// <summary>The property name under the reader as UTF-8, unescaped (a copy only when it holds escapes, which is rare).</summary>
        public static ReadOnlySpan<byte> Name(ref Utf8JsonReader reader)
        {
        #if NET7_0_OR_GREATER
            if(!reader.HasValueSequence && !reader.ValueIsEscaped) return reader.ValueSpan;
        #else
            if(!reader.HasValueSequence && reader.ValueSpan.IndexOf((byte)'\\') < 0) return reader.ValueSpan;
        #endif
            return System.Text.Encoding.UTF8.GetBytes(reader.GetString());
        }

        /// <summary>
        /// Adds to a list sized for one item on the first add: arrays in stream events (choices, tool calls) hold one
        /// item far more often than more, and List's default first array holds four.
        /// </summary>
        public static void Add<T>(List<T> list, T item)
        {
            if(list.Capacity == 0) list.Capacity = 1;
            list.Add(item);
        }

        public static bool? Boolean(ref Utf8JsonReader reader)
        {
            if(reader.TokenType == JsonTokenType.True) return true;
            if(reader.TokenType == JsonTokenType.False) return false;
            reader.Skip();
            return null;
        }

        public static int? Int32(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.Number)
            {
                reader.Skip();
                return null;
            }
            if(reader.TryGetInt32(out var value)) return value;
            throw new JsonException("The JSON value could not be converted to System.Int32.");
        }

        public static long? Int64(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.Number)
            {
                reader.Skip();
                return null;
            }
            if(reader.TryGetInt64(out var value)) return value;
            throw new JsonException("The JSON value could not be converted to System.Int64.");
        }

        public static double? Double(ref Utf8JsonReader reader)
        {
            if(reader.TokenType == JsonTokenType.Number) return reader.GetDouble();
            reader.Skip();
            return null;
        }

        public static float? Single(ref Utf8JsonReader reader)
        {
            if(reader.TokenType == JsonTokenType.Number) return reader.GetSingle();
            reader.Skip();
            return null;
        }

        public static DateTimeOffset? DateTimeOffset(ref Utf8JsonReader reader)
        {
            if(reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return null;
            }
            if(reader.TryGetDateTimeOffset(out var value)) return value;
            return System.DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : (DateTimeOffset?)null;
        }

        public static T? Enum<T>(ref Utf8JsonReader reader) where T : struct, System.Enum => EnumHelpers.GetEnumValue<T>(reader.GetString());

        /// <summary>
        /// The string value of a top-level property of the object under a copy of the reader. It stops at the first
        /// match (the discriminator comes first in practice); Kiota's JsonElement lookup would take the last of
        /// duplicated names, a difference only malformed JSON can show.
        /// </summary>
        public static string PeekString(Utf8JsonReader reader, ReadOnlySpan<byte> name)
        {
            if(reader.TokenType != JsonTokenType.StartObject) return null;
            while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                if(match) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            return null;
        }

        /// <summary>An unknown property: the reader stands on its name. First occurrence wins, as Kiota's TryAdd.</summary>
        public static void AddAdditional(ref Utf8JsonReader reader, IDictionary<string, object> data)
        {
            var name = reader.GetString();
            reader.Read();
            var value = Anything(ref reader);
            if(!data.ContainsKey(name)) data.Add(name, value);
        }

        public static void ReadAllAdditional(ref Utf8JsonReader reader, IDictionary<string, object> data)
        {
            if(reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return;
            }
            while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName) AddAdditional(ref reader, data);
        }

        /// <summary>An AdditionalData value, typed as Kiota's JsonParseNode.TryGetAnything types it.</summary>
        public static object Anything(ref Utf8JsonReader reader)
        {
            switch(reader.TokenType)
            {
                case JsonTokenType.Number:
                    if(reader.TryGetDecimal(out var dec)) return dec;
                    if(reader.TryGetDouble(out var db)) return db;
                    throw new InvalidOperationException("unexpected additional value type during number deserialization");
                case JsonTokenType.String:
                    if(reader.TryGetDateTime(out var dt)) return dt;
                    if(reader.TryGetDateTimeOffset(out var dto)) return dto;
                    if(reader.TryGetGuid(out var g)) return g;
                    return reader.GetString();
                case JsonTokenType.StartArray:
                case JsonTokenType.StartObject:
                    return Untyped(ref reader);
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>Free-form JSON as Kiota's untyped nodes.</summary>
        public static UntypedNode Untyped(ref Utf8JsonReader reader)
        {
            switch(reader.TokenType)
            {
                case JsonTokenType.Number:
                    if(reader.TryGetInt32(out var intValue)) return new UntypedInteger(intValue);
                    if(reader.TryGetInt64(out var longValue)) return new UntypedLong(longValue);
                    if(reader.TryGetDecimal(out var decimalValue)) return new UntypedDecimal(decimalValue);
                    if(reader.TryGetSingle(out var floatValue)) return new UntypedFloat(floatValue);
                    if(reader.TryGetDouble(out var doubleValue)) return new UntypedDouble(doubleValue);
                    throw new InvalidOperationException("unexpected additional value type during number deserialization");
                case JsonTokenType.String:
                    return new UntypedString(reader.GetString());
                case JsonTokenType.True:
                    return new UntypedBoolean(true);
                case JsonTokenType.False:
                    return new UntypedBoolean(false);
                case JsonTokenType.StartArray:
                    var items = new List<UntypedNode>();
                    while(reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(Untyped(ref reader));
                    return new UntypedArray(items);
                case JsonTokenType.StartObject:
                    var properties = new Dictionary<string, UntypedNode>();
                    while(reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString();
                        reader.Read();
                        properties[name] = Untyped(ref reader);
                    }
                    return new UntypedObject(properties);
                default:
                    return new UntypedNull();
            }
        }
        """;
}
