using System.Text.Json;
using Ezrouter.ContractTests.Support;
using NJsonSchema;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// Every key of every successful body and SSE payload the cassettes hold is a property the specs declare (issue 13,
/// item 1: "type anything else the gateway sends"). Schema validation alone allows unknown keys, which the SDK then
/// keeps only in <c>AdditionalData</c>, where a user cannot see them in the API; this test names each such key.
/// Error envelopes are left to <see cref="CassetteSchemaTests"/>: an upstream's own error shapes are free-form there.
/// </summary>
public sealed class EveryFieldTypedTests
{
    public static TheoryData<string> Cassettes => EmbeddedCassettes.NameData;

    [Theory]
    [MemberData(nameof(Cassettes))]
    public async Task EveryKeyOfASuccessfulAnswerIsDeclaredInTheSpec(string cassette)
    {
        // Arrange
        var specs = await GatewaySpecs.LoadRepositoryAsync();

        // Act
        var undeclared = Undeclared(specs, EmbeddedCassettes.Get(cassette)).ToList();

        // Assert
        Assert.True(undeclared.Count == 0, string.Join("\n", undeclared));
    }

    [Fact]
    public async Task AKeyTheSpecLeavesOutIsNamed()
    {
        // Arrange: a copy of the OpenAI spec without the chunk's obfuscation field (typed by issue 13).
        var root = GatewaySpecs.RepositoryRoot;
        var folder = Directory.CreateTempSubdirectory("ezrouter-spec-").FullName;
        try
        {
            var lines = (await File.ReadAllTextAsync(Path.Combine(root, "openapi", "openai.yaml"))).Split('\n').ToList();
            var at = lines.IndexOf("        obfuscation:");
            Assert.True(at > 0, "openai.yaml no longer declares obfuscation the way this test removes it");
            do lines.RemoveAt(at); while (lines[at].StartsWith("          ", StringComparison.Ordinal));
            var openAi = Path.Combine(folder, "openai.yaml");
            await File.WriteAllTextAsync(openAi, string.Join('\n', lines));
            var specs = await GatewaySpecs.LoadAsync(openAi, Path.Combine(root, "openapi", "anthropic.yaml"));

            // Act
            var undeclared = Undeclared(specs, EmbeddedCassettes.Get("chat-tool-calls-openai")).ToList();

            // Assert
            Assert.NotEmpty(undeclared);
            Assert.All(undeclared, u => Assert.EndsWith(": $.obfuscation", u, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>"where: $.path" for each key of a successful JSON body or SSE payload that its schema does not declare.</summary>
    private static IEnumerable<string> Undeclared(GatewaySpecs specs, Ezrouter.Testing.Cassette cassette)
    {
        foreach (var body in CassetteBodies.Of(cassette))
        {
            if (body.Status is < 200 or >= 300 || body.Kind is not (CassetteBodyKind.Json or CassetteBodyKind.SseData) || body.Text == "[DONE]") continue;
            using var document = JsonDocument.Parse(body.Text);
            var json = document.RootElement;
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object) continue;
            var surface = specs.SurfaceOf(body.Path);
            var operation = surface.Operation(body.Method, body.Path);
            var mediaType = body.Kind == CassetteBodyKind.SseData ? "text/event-stream" : "application/json";
            if (operation is null || SpecSurface.ResponseSchema(operation, body.Status, mediaType) is not { } schema) continue; // CassetteSchemaTests fails these
            var found = new List<string>();
            Walk(surface, schema, json, "$", found);
            foreach (var path in found) yield return $"{body.Where}: {path}";
        }
    }

    private static void Walk(SpecSurface surface, JsonSchema schema, JsonElement value, string path, List<string> found)
    {
        var actual = schema.ActualSchema;
        if (value.ValueKind == JsonValueKind.Null) return;
        if (actual.OneOf.Count > 0)
        {
            if (Member(surface, actual, value) is { } member) Walk(surface, member, value, path, found);
            return;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when actual.ActualProperties.Count > 0:
                foreach (var property in value.EnumerateObject())
                {
                    if (actual.ActualProperties.TryGetValue(property.Name, out var declared)) Walk(surface, declared, property.Value, $"{path}.{property.Name}", found);
                    else if (actual.AdditionalPropertiesSchema is { } additional) Walk(surface, additional, property.Value, $"{path}.{property.Name}", found);
                    else found.Add($"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array when actual.Item is { } item:
                var index = 0;
                foreach (var element in value.EnumerateArray()) Walk(surface, item, element, $"{path}[{index++}]", found);
                break;
        }
    }

    /// <summary>The <c>oneOf</c> member a value is read as: by its discriminator when the union has one, else the first of its JSON type.</summary>
    private static JsonSchema? Member(SpecSurface surface, JsonSchema union, JsonElement value)
    {
        if (union.DiscriminatorObject is { PropertyName: { Length: > 0 } property } discriminator)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(property, out var tag) || tag.ValueKind != JsonValueKind.String) return null;
            var name = tag.GetString()!;
            if (discriminator.Mapping.TryGetValue(name, out var mapped)) return mapped;
            return surface.Validator.Document.Components.Schemas.TryGetValue(name, out var named) ? named : null;
        }
        var kind = value.ValueKind switch
        {
            JsonValueKind.Object => JsonObjectType.Object,
            JsonValueKind.Array => JsonObjectType.Array,
            JsonValueKind.String => JsonObjectType.String,
            _ => JsonObjectType.None,
        };
        return union.OneOf.FirstOrDefault(m => m.ActualSchema.Type.HasFlag(kind) && kind != JsonObjectType.None);
    }
}
