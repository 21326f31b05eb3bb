using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Emitting;

/// <summary>How a <see cref="TypeRef"/> is spelled in C# and read and written through Kiota's serialization API.</summary>
public sealed class CSharpTypes(string rootNamespace)
{
    public string ModelsNamespace { get; } = rootNamespace + ".Models";

    public string Full(string typeName) => $"global::{ModelsNamespace}.{typeName}";

    /// <summary>True when the C# type is a reference type, so it needs Kiota's nullable block.</summary>
    public static bool IsReference(TypeRef type) =>
        type.IsCollection || type.Kind is TypeRefKind.Object or TypeRefKind.Union or TypeRefKind.Untyped ||
        (type.Kind == TypeRefKind.Primitive && type.Primitive == PrimitiveKind.String);

    /// <summary>The element type, without the trailing <c>?</c> for reference types.</summary>
    public string Element(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Primitive => type.Primitive switch
        {
            PrimitiveKind.String => "string",
            PrimitiveKind.DateTimeOffset => "DateTimeOffset?",
            PrimitiveKind.Int => "int?",
            PrimitiveKind.Long => "long?",
            PrimitiveKind.Double => "double?",
            PrimitiveKind.Float => "float?",
            PrimitiveKind.Bool => "bool?",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        },
        TypeRefKind.Enum => Full(type.Name!) + "?",
        TypeRefKind.Untyped => "UntypedNode",
        _ => Full(type.Name!),
    };

    /// <summary>The property type: <c>List&lt;T&gt;</c> for collections.</summary>
    public string Declared(TypeRef type)
    {
        if (!type.IsCollection) return Element(type);
        var element = type.Kind == TypeRefKind.Enum ? Full(type.Name!) + "?" : Element(type);
        return $"List<{element}>";
    }

    /// <summary>The type argument Kiota's generic Get/Write methods take (enums without <c>?</c>).</summary>
    private string Generic(TypeRef type) => type.Kind == TypeRefKind.Enum ? Full(type.Name!) : Element(type);

    public string Read(TypeRef type, string node = "n")
    {
        if (type.IsCollection)
        {
            return type.Kind switch
            {
                TypeRefKind.Primitive => $"{node}.GetCollectionOfPrimitiveValues<{Element(type)}>()?.AsList()",
                TypeRefKind.Enum => $"{node}.GetCollectionOfEnumValues<{Generic(type)}>()?.AsList()",
                _ => $"{node}.GetCollectionOfObjectValues<{Generic(type)}>({Generic(type)}.CreateFromDiscriminatorValue)?.AsList()",
            };
        }
        return type.Kind switch
        {
            TypeRefKind.Primitive => type.Primitive switch
            {
                PrimitiveKind.String => $"{node}.GetStringValue()",
                PrimitiveKind.DateTimeOffset => $"{node}.GetDateTimeOffsetValue()",
                PrimitiveKind.Int => $"{node}.GetIntValue()",
                PrimitiveKind.Long => $"{node}.GetLongValue()",
                PrimitiveKind.Double => $"{node}.GetDoubleValue()",
                PrimitiveKind.Float => $"{node}.GetFloatValue()",
                PrimitiveKind.Bool => $"{node}.GetBoolValue()",
                _ => throw new ArgumentOutOfRangeException(nameof(type)),
            },
            TypeRefKind.Enum => $"{node}.GetEnumValue<{Generic(type)}>()",
            _ => $"{node}.GetObjectValue<{Generic(type)}>({Generic(type)}.CreateFromDiscriminatorValue)",
        };
    }

    /// <summary>A write call; <paramref name="key"/> is a C# expression (a quoted name, or <c>null</c> in wrappers).</summary>
    public string Write(TypeRef type, string key, string value)
    {
        if (type.IsCollection)
        {
            return type.Kind switch
            {
                TypeRefKind.Primitive => $"writer.WriteCollectionOfPrimitiveValues<{Element(type)}>({key}, {value});",
                TypeRefKind.Enum => $"writer.WriteCollectionOfEnumValues<{Generic(type)}>({key}, {value});",
                _ => $"writer.WriteCollectionOfObjectValues<{Generic(type)}>({key}, {value});",
            };
        }
        return type.Kind switch
        {
            TypeRefKind.Primitive => type.Primitive switch
            {
                PrimitiveKind.String => $"writer.WriteStringValue({key}, {value});",
                PrimitiveKind.DateTimeOffset => $"writer.WriteDateTimeOffsetValue({key}, {value});",
                PrimitiveKind.Int => $"writer.WriteIntValue({key}, {value});",
                PrimitiveKind.Long => $"writer.WriteLongValue({key}, {value});",
                PrimitiveKind.Double => $"writer.WriteDoubleValue({key}, {value});",
                PrimitiveKind.Float => $"writer.WriteFloatValue({key}, {value});",
                PrimitiveKind.Bool => $"writer.WriteBoolValue({key}, {value});",
                _ => throw new ArgumentOutOfRangeException(nameof(type)),
            },
            TypeRefKind.Enum => $"writer.WriteEnumValue<{Generic(type)}>({key}, {value});",
            _ => $"writer.WriteObjectValue<{Generic(type)}>({key}, {value});",
        };
    }
}
