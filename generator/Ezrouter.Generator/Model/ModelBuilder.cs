using Ezrouter.Generator.Loading;
using Microsoft.OpenApi;

namespace Ezrouter.Generator.Model;

/// <summary>
/// Stage 2: the OpenAPI document → the intermediate model. Enforces the subset documented in openapi/README.md and
/// fails with a <see cref="SpecException"/> naming the schema or path on anything outside it.
/// </summary>
public sealed partial class ModelBuilder
{
    private readonly OpenApiDocument _document;
    private readonly SurfaceConfig _surface;
    private readonly Dictionary<string, IOpenApiSchema> _components;
    private readonly HashSet<string> _errorTypes = new(StringComparer.Ordinal);

    private ModelBuilder(OpenApiDocument document, SurfaceConfig surface)
    {
        _document = document;
        _surface = surface;
        _components = document.Components?.Schemas?.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)
            ?? new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
    }

    public static ApiModel Build(LoadedSpec spec, SurfaceConfig surface) => new ModelBuilder(spec.Document, surface).Build(spec.Sha256);

    private ApiModel Build(string sha256)
    {
        // Operations first: they tell which components are error envelopes (ApiException subclasses).
        var operations = BuildOperations();
        var types = _components.Keys.Order(StringComparer.Ordinal)
            .Select(name => BuildType(name, _components[name]))
            .OfType<TypeDef>()
            .ToList();
        return new ApiModel(_surface, types, operations, sha256);
    }

    // ---- types ----

    private TypeDef? BuildType(string name, IOpenApiSchema schema)
    {
        var where = $"components.schemas.{name}";
        if (schema.OneOf is { Count: > 0 }) return BuildUnion(name, schema, where);
        if (schema.AnyOf is { Count: > 0 } || schema.AllOf is { Count: > 0 })
            throw new SpecException($"{where}: anyOf/allOf are outside the supported subset; use oneOf or a plain object");
        if (schema.Enum is { Count: > 0 })
        {
            var values = schema.Enum.Select(v => v?.GetValue<string>() ?? throw new SpecException($"{where}: enum values must be strings")).ToList();
            return new EnumDef(name, schema.Description, values.Select(v => new EnumValue(v, Naming.CleanSymbol(v))).ToList());
        }
        if (IsObjectWithProperties(schema))
        {
            var isError = _errorTypes.Contains(name);
            var properties = (schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new PropertyDef(p.Key, Naming.PropertyName(p.Key, name, isError), Resolve(p.Value, $"{where}.{p.Key}"), Describe(p.Value), IsInterned(p.Value, $"{where}.{p.Key}")))
                .ToList();
            return new ObjectDef(name, schema.Description, properties, isError);
        }
        // Primitive, array and free-form components are aliases: references resolve straight to their type.
        return null;
    }

    private UnionDef BuildUnion(string name, IOpenApiSchema schema, string where)
    {
        var members = schema.OneOf!.Where(m => !IsNullSchema(m)).ToList();
        var discriminator = schema.Discriminator;
        if (discriminator?.PropertyName is { Length: > 0 } property)
        {
            var mapping = discriminator.Mapping ?? new Dictionary<string, OpenApiSchemaReference>();
            var result = new List<UnionMember>();
            foreach (var member in members)
            {
                // A scalar beside the objects (tool_choice: "auto" or {"type": "function", ...}) is chosen by the JSON
                // value's kind, as in an undiscriminated union.
                if (member is not OpenApiSchemaReference && Resolve(member, where) is { Kind: TypeRefKind.Primitive, IsCollection: false } scalar)
                {
                    result.Add(new UnionMember(MemberName(scalar), scalar, []));
                    continue;
                }
                if (member is not OpenApiSchemaReference reference || !IsObjectWithProperties(member))
                    throw new SpecException($"{where}: discriminated union members must be $refs to object schemas, or scalars");
                var id = reference.Reference.Id!;
                if (member.Properties?.ContainsKey(property) != true)
                    throw new SpecException($"{where}: member {id} lacks the discriminator property '{property}'");
                var tags = mapping.Where(kv => kv.Value.Reference.Id == id).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
                if (tags.Count == 0)
                    throw new SpecException($"{where}: member {id} has no entry in discriminator.mapping");
                result.Add(new UnionMember(id, new TypeRef(TypeRefKind.Object, Name: id), tags));
            }
            var unknown = mapping.Where(kv => !members.OfType<OpenApiSchemaReference>().Any(m => m.Reference.Id == kv.Value.Reference.Id)).Select(kv => kv.Key).ToList();
            if (unknown.Count > 0)
                throw new SpecException($"{where}: discriminator.mapping names types that are not members: {string.Join(", ", unknown)}");
            return new UnionDef(name, schema.Description, property, result);
        }

        // Scalars and collections, chosen by the JSON value's kind; at most one object member (see openapi/README.md §5).
        var resolved = members.Select((m, i) => Resolve(m, $"{where}.oneOf[{i}]")).ToList();
        var objects = resolved.Count(t => !t.IsCollection && t.Kind is TypeRefKind.Object or TypeRefKind.Union);
        if (objects > 1)
            throw new SpecException($"{where}: a union of several objects needs a discriminator");
        if (objects == 1 && resolved.Any(t => t.IsCollection))
            throw new SpecException($"{where}: an object member beside a collection member needs a discriminator (the collection branch would always win)");
        if (resolved.Any(t => t.Kind == TypeRefKind.Untyped))
            throw new SpecException($"{where}: free-form members are outside the supported subset");
        // Kiota names members by type, and KiotaShapes binds them to its properties by type: two of one type collide.
        if (resolved.Distinct().Count() != resolved.Count)
            throw new SpecException($"{where}: two members have the same type");
        var names = new List<string>();
        var unionMembers = new List<UnionMember>();
        foreach (var type in resolved)
        {
            var memberName = MemberName(type);
            if (names.Contains(memberName)) memberName += "Collection";
            if (names.Contains(memberName)) throw new SpecException($"{where}: two members would both be named {memberName}");
            names.Add(memberName);
            unionMembers.Add(new UnionMember(memberName, type, []));
        }
        return new UnionDef(name, schema.Description, null, unionMembers);
    }

    private static string MemberName(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Primitive => type.Primitive switch
        {
            PrimitiveKind.String => "String",
            PrimitiveKind.Int => "Integer",
            PrimitiveKind.Long => "Int64", // as Kiota names an int64 member
            PrimitiveKind.Double => "Double",
            PrimitiveKind.Float => "Float",
            PrimitiveKind.Bool => "Boolean",
            PrimitiveKind.DateTimeOffset => "DateTimeOffset",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        },
        _ => type.Name!,
    };

    /// <summary>Resolves a property, item or member schema to a type reference.</summary>
    private TypeRef Resolve(IOpenApiSchema schema, string where)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            var id = reference.Reference.Id ?? throw new SpecException($"{where}: only local component $refs are supported");
            if (!_components.TryGetValue(id, out var target)) throw new SpecException($"{where}: $ref to unknown component {id}");
            if (target.OneOf is { Count: > 0 }) return new TypeRef(TypeRefKind.Union, Name: id);
            if (target.Enum is { Count: > 0 }) return new TypeRef(TypeRefKind.Enum, Name: id);
            if (IsObjectWithProperties(target)) return new TypeRef(TypeRefKind.Object, Name: id);
            return Resolve(target, $"components.schemas.{id}");
        }
        if (schema.OneOf is { Count: > 0 })
        {
            var nonNull = schema.OneOf.Where(m => !IsNullSchema(m)).ToList();
            if (nonNull.Count == 1) return Resolve(nonNull[0], where); // Kiota's nullable shorthand: [X, {type: null}] is X.
            throw new SpecException($"{where}: inline oneOf is outside the supported subset; make it a named component");
        }
        // Without this, an inline anyOf (or a multi-member allOf) has no type and would silently become UntypedNode.
        if (schema.AnyOf is { Count: > 0 } || schema.AllOf is { Count: > 1 })
            throw new SpecException($"{where}: inline anyOf/allOf is outside the supported subset; use a named oneOf component or a plain object");
        if (schema.AllOf is { Count: 1 }) return Resolve(schema.AllOf[0], where);
        if (schema.Enum is { Count: > 0 })
            throw new SpecException($"{where}: inline enum is outside the supported subset; make it a named component (or a plain string for an open set)");
        switch (BaseType(schema))
        {
            case JsonSchemaType.String:
                return TypeRef.Of(schema.Format == "date-time" ? PrimitiveKind.DateTimeOffset : PrimitiveKind.String);
            case JsonSchemaType.Integer:
                return TypeRef.Of(schema.Format == "int64" ? PrimitiveKind.Long : PrimitiveKind.Int);
            case JsonSchemaType.Number:
                return TypeRef.Of(schema.Format == "float" ? PrimitiveKind.Float : PrimitiveKind.Double);
            case JsonSchemaType.Boolean:
                return TypeRef.Of(PrimitiveKind.Bool);
            case JsonSchemaType.Array:
                var items = schema.Items ?? throw new SpecException($"{where}: array without items");
                var element = Resolve(items, where + "[]");
                if (element.IsCollection) throw new SpecException($"{where}: nested arrays are outside the supported subset");
                // Kiota: an array of free-form values is one UntypedNode (an UntypedArray), not a list of them.
                return element.Kind == TypeRefKind.Untyped ? TypeRef.Untyped : element.AsCollection();
            case JsonSchemaType.Object:
            case null:
                if (schema.Properties is { Count: > 0 })
                    throw new SpecException($"{where}: inline object schemas are outside the supported subset; make it a named component");
                return TypeRef.Untyped;
            default:
                throw new SpecException($"{where}: unsupported type {schema.Type}");
        }
    }

    private static JsonSchemaType? BaseType(IOpenApiSchema schema)
    {
        if (schema.Type is not { } type) return null;
        var withoutNull = type & ~JsonSchemaType.Null;
        return withoutNull == 0 ? null : withoutNull;
    }

    private static bool IsNullSchema(IOpenApiSchema schema) => schema.Type == JsonSchemaType.Null;

    private static bool IsObjectWithProperties(IOpenApiSchema schema) =>
        schema.OneOf is not { Count: > 0 } && schema.Enum is not { Count: > 0 } && schema.Properties is { Count: > 0 };

    private static string? Describe(IOpenApiSchema schema) => schema.Description;

    private static bool IsInterned(IOpenApiSchema schema, string where)
    {
        if (schema.Extensions?.ContainsKey("x-ezrouter-interned") != true) return false;
        if (BaseType(schema) != JsonSchemaType.String || schema.Format is not null)
            throw new SpecException($"{where}: x-ezrouter-interned applies to plain strings only");
        return true;
    }
}
