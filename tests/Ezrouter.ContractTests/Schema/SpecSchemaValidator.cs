using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// Checks JSON against a schema of a spec as NSwag loads it (<see cref="OpenApiDocument"/>), with NJsonSchema's
/// validator reading the schemas as OpenAPI 3 (<see cref="SchemaType.OpenApi3"/>). NJsonSchema decides everything
/// but one thing: it validates a <c>oneOf</c> as JSON Schema does (exactly one member must match) and does not read
/// the OpenAPI <c>discriminator</c>, so a body matching several members that differ only by their discriminator
/// value fails. For a <c>oneOf</c> with a discriminator, the value picks the member here, as OAS 3.0 says
/// (openapi/README.md, "NSwag checks the specs"). Each violation is reported with its JSON path.
/// </summary>
public sealed class SpecSchemaValidator
{
    private readonly DiscriminatingValidator _validator;
    private readonly Dictionary<JsonSchema, string> _componentNames;

    /// <summary>A validator over the components of <paramref name="document"/>.</summary>
    public SpecSchemaValidator(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
        _componentNames = new Dictionary<JsonSchema, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, schema) in document.Components.Schemas) _componentNames.TryAdd(schema, name);
        _validator = new DiscriminatingValidator(document);
    }

    /// <summary>The document the schemas come from.</summary>
    public OpenApiDocument Document { get; }

    /// <summary>The named component schema.</summary>
    public JsonSchema Component(string name) =>
        Document.Components.Schemas.TryGetValue(name, out var schema)
            ? schema
            : throw new ArgumentException($"the document has no component schema '{name}'", nameof(name));

    /// <summary>Validates <paramref name="json"/> against the named component schema.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string json, string componentName) => Validate(json, Component(componentName));

    /// <summary>Validates <paramref name="json"/> against <paramref name="schema"/>; empty when it conforms.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string json, JsonSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ICollection<ValidationError> errors;
        try
        {
            errors = _validator.Validate(json, schema, SchemaType.OpenApi3);
        }
        catch (JsonReaderException e)
        {
            return [new SchemaViolation("$", $"not JSON: {e.Message}")];
        }
        var violations = new List<SchemaViolation>();
        foreach (var error in errors) Collect(error, violations);
        return violations;
    }

    // Errors that only wrap the errors of a part (an array item, all members of an allOf) are replaced by those errors,
    // so each violation stands at the path where the value is wrong.
    private void Collect(ValidationError error, List<SchemaViolation> violations)
    {
        if (error is ChildSchemaValidationError child && error.Kind is not (ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf))
        {
            foreach (var inner in child.Errors.Values.SelectMany(e => e)) Collect(inner, violations);
            return;
        }
        violations.Add(new SchemaViolation(JsonPath(error.Path), Describe(error)));
    }

    private string Describe(ValidationError error)
    {
        switch (error)
        {
            case ChildSchemaValidationError members:
            {
                var results = members.Errors.Select(m => (Member: Name(m.Key), Violations: Flatten(m.Value))).ToList();
                var matching = results.Where(r => r.Violations.Count == 0).Select(r => r.Member).ToList();
                return matching.Count == 0
                    ? $"{error.Kind}: {Found(error.Token)} matches no member ({string.Join("; ", results.Select(r => $"{r.Member}: {r.Violations[0]}"))})"
                    : $"{error.Kind}: {Found(error.Token)} matches {matching.Count} members ({string.Join(", ", matching)})";
            }
            case { Kind: ValidationErrorKind.PropertyRequired }:
                return $"{error.Kind}: '{error.Property}' is missing";
            case { Kind: ValidationErrorKind.NotInEnumeration, Schema: { } schema }:
                var allowed = schema.DiscriminatorObject is { } discriminator
                    ? discriminator.Mapping.Keys.Select(k => JsonConvert.ToString(k))
                    : schema.Enumeration.Select(v => JsonConvert.SerializeObject(v));
                return $"{error.Kind}: {Found(error.Token)} is not one of {string.Join(", ", allowed)}";
            default:
                return $"{error.Kind}: found {Found(error.Token)}";
        }
    }

    private List<SchemaViolation> Flatten(ICollection<ValidationError> errors)
    {
        var violations = new List<SchemaViolation>();
        foreach (var error in errors) Collect(error, violations);
        return violations;
    }

    private string Name(JsonSchema member) =>
        _componentNames.TryGetValue(member.ActualSchema, out var name) ? name
        : member.ActualSchema.Type == JsonObjectType.None ? "schema"
        : member.ActualSchema.Type.ToString().ToLowerInvariant();

    // NJsonSchema's paths are "#/" plus Newtonsoft's token path ("data[0].id", "['a b']"); written here as "$.data[0].id".
    private static string JsonPath(string? path)
    {
        var inner = path is null ? string.Empty : path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        return inner.Length == 0 ? "$" : inner.StartsWith('[') ? "$" + inner : "$." + inner;
    }

    private static string Found(JToken? token)
    {
        if (token is null) return "nothing";
        if (token.Type == JTokenType.Null) return "null";
        var text = token.ToString(Formatting.None);
        if (text.Length > 60) text = text[..57] + "...";
        var kind = token.Type switch
        {
            JTokenType.Float => "number",
            JTokenType.Integer => "integer",
            var type => type.ToString().ToLowerInvariant(),
        };
        return $"{kind} {text}";
    }

    /// <summary>
    /// NJsonSchema's validator, plus OAS 3.0's discriminator: for a <c>oneOf</c> with one, the member is the one the
    /// discriminator value maps to (or, without a mapping entry, the component of that name), and only it is checked.
    /// </summary>
    private sealed class DiscriminatingValidator(OpenApiDocument document) : JsonSchemaValidator(new JsonSchemaValidatorSettings())
    {
        protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
        {
            var actual = schema.ActualSchema;
            if (actual.OneOf.Count == 0 || actual.DiscriminatorObject is not { PropertyName: { Length: > 0 } property } discriminator || token is not JObject value)
                return base.Validate(token, schema, schemaType, propertyName, propertyPath);

            var at = string.IsNullOrEmpty(propertyPath) ? property : $"{propertyPath}.{property}";
            if (value[property] is not { } tag) return [new ValidationError(ValidationErrorKind.PropertyRequired, property, at, token, actual)];
            if (tag.Type != JTokenType.String) return [new ValidationError(ValidationErrorKind.StringExpected, property, at, tag, actual)];
            var member = Select(actual, discriminator, tag.Value<string>()!);
            return member is null
                ? [new ValidationError(ValidationErrorKind.NotInEnumeration, property, at, tag, actual)]
                : base.Validate(token, member, schemaType, propertyName, propertyPath);
        }

        private JsonSchema? Select(JsonSchema union, OpenApiDiscriminator discriminator, string name)
        {
            if (discriminator.Mapping.TryGetValue(name, out var mapped)) return mapped.ActualSchema;
            // Spec (OAS 3.0.3): without a mapping entry, the value is the name of a component schema among the members.
            return document.Components.Schemas.TryGetValue(name, out var named) && union.OneOf.Any(m => m.ActualSchema == named) ? named : null;
        }
    }
}
