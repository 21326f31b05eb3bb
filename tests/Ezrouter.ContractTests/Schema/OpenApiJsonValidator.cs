using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// Checks a JSON value against a schema of an <see cref="OpenApiDocument"/>, as far as our spec subset
/// (openapi/README.md) needs: <c>type</c> with <c>nullable</c>, <c>required</c>, <c>properties</c> (recursively;
/// unknown properties are allowed, because the SDK keeps them), <c>items</c>, <c>enum</c>, the formats
/// <c>int32</c>, <c>int64</c> and <c>date-time</c> (loosely), <c>oneOf</c> (by the discriminator mapping when there
/// is one, otherwise exactly one member must match), and free-form schemas (no type: anything; <c>type: object</c>
/// without properties: any object). Every violation is reported with its JSON path; nothing throws for bad data.
/// Read as Microsoft.OpenApi reads OAS 3.0: <c>nullable</c> counts only beside an explicit <c>type</c> (OAS 3.0.3),
/// and a <c>oneOf</c> of bare <c>{type: …}</c> members arrives folded into one type list.
/// </summary>
public sealed class OpenApiJsonValidator
{
    /// <summary>A validator over the components of <paramref name="document"/>.</summary>
    public OpenApiJsonValidator(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
    }

    /// <summary>The document the schemas come from.</summary>
    public OpenApiDocument Document { get; }

    /// <summary>The named component schema.</summary>
    public IOpenApiSchema Component(string name) =>
        Document.Components?.Schemas?.TryGetValue(name, out var schema) == true
            ? schema
            : throw new ArgumentException($"the document has no component schema '{name}'", nameof(name));

    /// <summary>Validates <paramref name="value"/> against the named component schema.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement value, string componentName) => Validate(value, Component(componentName));

    /// <summary>Validates <paramref name="value"/> against <paramref name="schema"/>; empty when it conforms.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement value, IOpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var violations = new List<SchemaViolation>();
        Check(value, schema, "$", violations);
        return violations;
    }

    private void Check(JsonElement value, IOpenApiSchema schema, string path, List<SchemaViolation> violations)
    {
        schema = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null && AllowsNull(schema)) return;

        if (schema.OneOf is { Count: > 0 }) CheckOneOf(value, schema, path, violations);
        foreach (var member in schema.AllOf ?? []) Check(value, member, path, violations);
        if (schema.AnyOf is { Count: > 0 } anyOf && !anyOf.Any(m => Conforms(value, m, path)))
            violations.Add(new(path, $"matches none of the anyOf members ({string.Join(", ", anyOf.Select(Describe))})"));

        if (schema.Type is { } type && !HasType(value, type))
        {
            violations.Add(new(path, $"expected {TypeName(type)}, got {Found(value)}"));
            return;
        }
        if (schema.Enum is { Count: > 0 } values && !values.Any(v => JsonNode.DeepEquals(v, JsonNode.Parse(value.GetRawText()))))
            violations.Add(new(path, $"{Excerpt(value)} is not one of the enum values ({string.Join(", ", values.Select(v => v?.ToJsonString() ?? "null"))})"));

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
            case JsonValueKind.String:
                CheckFormat(value, schema.Format, path, violations);
                break;
            case JsonValueKind.Object:
                CheckObject(value, schema, path, violations);
                break;
            case JsonValueKind.Array when schema.Items is { } items:
                var index = 0;
                foreach (var item in value.EnumerateArray()) Check(item, items, $"{path}[{index++}]", violations);
                break;
        }
    }

    private void CheckObject(JsonElement value, IOpenApiSchema schema, string path, List<SchemaViolation> violations)
    {
        foreach (var name in (schema.Required ?? new HashSet<string>()).Order(StringComparer.Ordinal))
        {
            if (!value.TryGetProperty(name, out _)) violations.Add(new(path, $"required property '{name}' is missing"));
        }

        var declared = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var property in value.EnumerateObject())
        {
            var at = Child(path, property.Name);
            if (declared.TryGetValue(property.Name, out var propertySchema)) Check(property.Value, propertySchema, at, violations);
            else if (schema.AdditionalProperties is { } additional) Check(property.Value, additional, at, violations);
            else if (!schema.AdditionalPropertiesAllowed) violations.Add(new(at, "property is not allowed (additionalProperties: false)"));
            // Otherwise an unknown property is fine: the generated models keep it in AdditionalData.
        }
    }

    private void CheckOneOf(JsonElement value, IOpenApiSchema schema, string path, List<SchemaViolation> violations)
    {
        var members = schema.OneOf!;
        if (schema.Discriminator is { PropertyName: { Length: > 0 } property } discriminator)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                violations.Add(new(path, $"expected an object with discriminator '{property}', got {Found(value)}"));
                return;
            }
            if (!value.TryGetProperty(property, out var tag) || tag.ValueKind != JsonValueKind.String)
            {
                violations.Add(new(path, $"discriminator '{property}' is missing or not a string"));
                return;
            }
            var name = tag.GetString()!;
            IOpenApiSchema? selected = discriminator.Mapping?.TryGetValue(name, out var mapped) == true ? mapped : null;
            // Spec: without a mapping entry the value names a component schema (implicit mapping).
            selected ??= members.OfType<OpenApiSchemaReference>().FirstOrDefault(m => m.Reference.Id == name);
            if (selected is null)
            {
                var known = discriminator.Mapping?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
                violations.Add(new(Child(path, property), $"'{name}' is not a known discriminator value ({string.Join(", ", known)})"));
                return;
            }
            Check(value, selected, path, violations);
            return;
        }

        var results = members.Select(m => (Member: m, Violations: Collect(value, m, path))).ToList();
        var matching = results.Count(r => r.Violations.Count == 0);
        if (matching == 1) return;
        if (matching == 0)
        {
            var reasons = results.Select(r => $"{Describe(r.Member)}: {r.Violations[0]}");
            violations.Add(new(path, $"{Excerpt(value)} matches none of the oneOf members ({string.Join("; ", reasons)})"));
        }
        else
        {
            var matched = results.Where(r => r.Violations.Count == 0).Select(r => Describe(r.Member));
            violations.Add(new(path, $"{Excerpt(value)} matches {matching} oneOf members ({string.Join(", ", matched)}); exactly one must match"));
        }
    }

    private static void CheckFormat(JsonElement value, string? format, string path, List<SchemaViolation> violations)
    {
        var ok = format switch
        {
            "int32" => value.ValueKind != JsonValueKind.Number || value.TryGetInt32(out _),
            "int64" => value.ValueKind != JsonValueKind.Number || value.TryGetInt64(out _),
            // Loosely: anything DateTimeOffset reads with an explicit date and time; RFC 3339's exact grammar is not enforced.
            "date-time" => value.ValueKind != JsonValueKind.String
                || (value.GetString()!.Contains('T', StringComparison.OrdinalIgnoreCase)
                    && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)),
            _ => true,
        };
        if (!ok) violations.Add(new(path, $"{Excerpt(value)} is not a valid {format}"));
    }

    private bool Conforms(JsonElement value, IOpenApiSchema schema, string path) => Collect(value, schema, path).Count == 0;

    private List<SchemaViolation> Collect(JsonElement value, IOpenApiSchema schema, string path)
    {
        var violations = new List<SchemaViolation>();
        Check(value, schema, path, violations);
        return violations;
    }

    private static IOpenApiSchema Resolve(IOpenApiSchema schema)
    {
        while (schema is OpenApiSchemaReference reference)
            schema = reference.Target ?? throw new InvalidOperationException($"unresolved $ref '{reference.Reference.Id}'");
        return schema;
    }

    // A schema with no type and no composition is free-form: it accepts anything, null included. Otherwise null needs
    // nullable (read by Microsoft.OpenApi as the Null flag of the type).
    private static bool AllowsNull(IOpenApiSchema schema) =>
        schema.Type is { } type
            ? type.HasFlag(JsonSchemaType.Null)
            : schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 } && schema.AllOf is not { Count: > 0 } && schema.Enum is not { Count: > 0 };

    private static bool HasType(JsonElement value, JsonSchemaType type) => value.ValueKind switch
    {
        JsonValueKind.Null => type.HasFlag(JsonSchemaType.Null),
        JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
        JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
        JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number) || (type.HasFlag(JsonSchemaType.Integer) && IsIntegral(value)),
        _ => false,
    };

    // Spec (JSON Schema): an integer is a number with no fractional part, so 1.0 counts.
    private static bool IsIntegral(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDecimal(out var d) && d == decimal.Truncate(d)) || (value.TryGetDouble(out var x) && Math.Floor(x) == x);

    private static string TypeName(JsonSchemaType type) =>
        string.Join(" or ", Enum.GetValues<JsonSchemaType>().Where(t => type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()));

    private static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => $"boolean {Excerpt(value)}",
        var kind => $"{kind.ToString().ToLowerInvariant()} {Excerpt(value)}",
    };

    private static string Describe(IOpenApiSchema schema) => schema switch
    {
        OpenApiSchemaReference reference => reference.Reference.Id ?? "$ref",
        { Type: { } type } => TypeName(type),
        _ => "schema",
    };

    private static string Excerpt(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Child(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{name}" : $"{path}['{name}']";
}
