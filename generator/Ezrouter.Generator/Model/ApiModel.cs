namespace Ezrouter.Generator.Model;

// The intermediate model: what the emitters read. It holds no Microsoft.OpenApi types, so the emitters never
// see the spec reader, and a test can build a model by hand.

/// <summary>Everything one client needs: its identity, its types, and its operations.</summary>
public sealed record ApiModel(
    SurfaceConfig Surface,
    IReadOnlyList<TypeDef> Types,
    IReadOnlyList<OperationDef> Operations,
    string SpecSha256)
{
    /// <summary>
    /// The object and union types reachable from an SSE event schema (a <c>text/event-stream</c> response): the hot
    /// path of every LLM client, which gets a Utf8JsonReader-based reader besides Kiota's parse-node path.
    /// </summary>
    public IReadOnlyList<TypeDef> StreamTypes => Reachable(Operations.Select(o => o.StreamEvent?.Name));

    /// <summary>
    /// The object and union types that get a Utf8JsonReader-based reader: those reachable from an SSE event schema,
    /// from an <c>application/json</c> response or from an error envelope. A type reachable from several stays one
    /// reader. Kiota's parse node reads a value of the wrong JSON type as null; these readers refuse it.
    /// </summary>
    public IReadOnlyList<TypeDef> ReaderTypes => Reachable(Operations.SelectMany(o =>
        new[] { o.StreamEvent?.Name, o.Response?.Name }.Concat(o.ErrorTypes)));

    /// <summary>
    /// The models a call reads from a whole JSON body: each operation's <c>application/json</c> response and its
    /// error envelopes, when they are objects (the generated lookup of readers is keyed by them).
    /// </summary>
    public IReadOnlyList<ObjectDef> JsonAnswerTypes
    {
        get
        {
            var names = Operations.SelectMany(o => new[] { o.Response is { Kind: TypeRefKind.Object, IsCollection: false } r ? r.Name : null }.Concat(o.ErrorTypes))
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            return Types.OfType<ObjectDef>().Where(t => names.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// The object and union types reachable from the request body of an operation that streams: every LLM call sends
    /// one, so it gets a Utf8JsonWriter-based writer besides Kiota's serialization-writer path.
    /// </summary>
    public IReadOnlyList<TypeDef> StreamRequestTypes =>
        Reachable(Operations.Where(o => o.StreamEvent is not null).Select(o => o.RequestBody?.Name));

    /// <summary>
    /// The types Kiota emits: those reachable from a JSON response, a request body or an error envelope. Kiota skips
    /// <c>text/event-stream</c> schemas, so the types reachable only from an SSE event are emitted here instead.
    /// </summary>
    public IReadOnlyList<TypeDef> KiotaTypes => Reachable(Operations.SelectMany(o =>
        new[] { o.Response?.Name, o.RequestBody?.Name }.Concat(o.ErrorTypes)));

    /// <summary>The SSE event types Kiota does not emit: this generator emits them, in Kiota's shape.</summary>
    public IReadOnlyList<TypeDef> SseOnlyTypes
    {
        get
        {
            var kiota = KiotaTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            return StreamTypes.Where(t => !kiota.Contains(t.Name)).ToList();
        }
    }

    private IReadOnlyList<TypeDef> Reachable(IEnumerable<string?> roots)
    {
        var byName = Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots.OfType<string>());
        while (pending.TryPop(out var name))
        {
            if (!byName.TryGetValue(name, out var type) || type is EnumDef || !seen.Add(name)) continue;
            var references = type switch
            {
                ObjectDef o => o.Properties.Select(p => p.Type),
                UnionDef u => u.Members.Select(m => m.Type),
                _ => [],
            };
            foreach (var reference in references)
                if (reference.Name is { } next) pending.Push(next);
        }
        return seen.Select(n => byName[n]).ToList();
    }
}

/// <summary>
/// Which spec becomes which client, and where the files go: Kiota's client in <paramref name="KiotaOutputDirectory"/>,
/// this generator's additions (SSE event types, readers, writers) in <paramref name="OutputDirectory"/>.
/// </summary>
public sealed record SurfaceConfig(string SpecPath, string Namespace, string ClientName, string KiotaOutputDirectory, string OutputDirectory);

/// <summary>The primitive kinds a property can have, as Kiota maps OpenAPI types and formats.</summary>
public enum PrimitiveKind { String, DateTimeOffset, Int, Long, Double, Float, Bool }

/// <summary>A reference to a type: a primitive, a named model (object, union or enum), or free-form JSON.</summary>
public sealed record TypeRef(TypeRefKind Kind, PrimitiveKind Primitive = PrimitiveKind.String, string? Name = null, bool IsCollection = false)
{
    public static TypeRef Of(PrimitiveKind primitive) => new(TypeRefKind.Primitive, primitive);
    public static TypeRef Untyped { get; } = new(TypeRefKind.Untyped);
    public TypeRef AsCollection() => this with { IsCollection = true };
}

public enum TypeRefKind { Primitive, Object, Union, Enum, Untyped }

/// <summary>A named model under the Models namespace.</summary>
public abstract record TypeDef(string Name, string? Description);

/// <summary>An object schema: a class implementing IParsable and IAdditionalDataHolder.</summary>
public sealed record ObjectDef(string Name, string? Description, IReadOnlyList<PropertyDef> Properties, bool IsError, bool HoldsAdditionalData = true)
    : TypeDef(Name, Description);

/// <summary>
/// One property: the wire name, the C# name, the type. <see cref="Interned"/> (the spec's <c>x-ezrouter-interned</c>)
/// marks a string that repeats across the events of a stream (ids, model names, event types): the generated
/// stream reader reuses the previous string instead of allocating a new one per event.
/// </summary>
public sealed record PropertyDef(string WireName, string Name, TypeRef Type, string? Description, bool Interned = false);

/// <summary>A oneOf: a composed-type wrapper with one property per member.</summary>
public sealed record UnionDef(string Name, string? Description, string? DiscriminatorProperty, IReadOnlyList<UnionMember> Members, bool? HoldsData = null)
    : TypeDef(Name, Description)
{
    /// <summary>Whether the wrapper has an AdditionalData of its own: as Kiota emitted it, or (ours) when it has object members.</summary>
    public bool HoldsAdditionalData => HoldsData ?? ObjectMembers.Count > 0;

    // Both emitters (the Kiota wrapper and the stream reader) branch in this order — objects, then scalars, then
    // collections — and must agree, so the split is made once, here.

    /// <summary>Members that are a single object or union.</summary>
    public IReadOnlyList<UnionMember> ObjectMembers => Members.Where(m => !m.Type.IsCollection && m.Type.Kind is TypeRefKind.Object or TypeRefKind.Union).ToList();

    /// <summary>Members that are a single primitive or enum.</summary>
    public IReadOnlyList<UnionMember> ScalarMembers => Members.Where(m => !m.Type.IsCollection && m.Type.Kind is TypeRefKind.Primitive or TypeRefKind.Enum).ToList();

    /// <summary>Members that are arrays.</summary>
    public IReadOnlyList<UnionMember> CollectionMembers => Members.Where(m => m.Type.IsCollection).ToList();
}

/// <summary>A union member; <see cref="DiscriminatorValues"/> lists the tag values that select it (empty when the
/// member is chosen by the JSON value's kind instead).</summary>
public sealed record UnionMember(string Name, TypeRef Type, IReadOnlyList<string> DiscriminatorValues);

/// <summary>A closed string enum.</summary>
public sealed record EnumDef(string Name, string? Description, IReadOnlyList<EnumValue> Values) : TypeDef(Name, Description);

public sealed record EnumValue(string WireValue, string Name);

/// <summary>
/// One HTTP operation, as far as this generator needs it: which types Kiota reaches (request body, JSON response,
/// error envelopes) and which SSE event schema it streams, if any.
/// </summary>
public sealed record OperationDef(TypeRef? RequestBody, TypeRef? Response, IReadOnlyList<string> ErrorTypes, TypeRef? StreamEvent = null);
