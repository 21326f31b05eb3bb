using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ezrouter.ContractTests.Support;
using Ezrouter.Generator.Loading;

namespace Ezrouter.ContractTests.Schema;

/// <summary>The validator can fail: each rule it enforces rejects a value that breaks it, at the right JSON path.</summary>
public sealed class OpenApiJsonValidatorTests
{
    // A small spec with one schema per rule, loaded by the generator's loader like the real ones.
    private const string RulesSpec = """
        openapi: 3.0.3
        info: {title: rules, version: "1"}
        paths: {}
        components:
          schemas:
            Pet:
              oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
              discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}}
            Cat:
              type: object
              required: [kind, lives]
              properties:
                kind: {type: string}
                lives: {type: integer, format: int32}
            Dog:
              type: object
              required: [kind]
              properties:
                kind: {type: string}
                born: {type: string, format: date-time}
            Stop:
              oneOf: [{type: string}, {type: array, items: {type: string}}]
            Amount:
              # Described members: Microsoft.OpenApi folds a oneOf of bare {type: ...} members into one type list.
              oneOf: [{type: number, description: any number}, {type: integer, description: a whole number}]
            Holder:
              type: object
              properties:
                note: {type: string, nullable: true}
                size: {type: integer, format: int64}
                extra: {type: object}
                anything: {}
                color: {type: string, enum: [red, blue]}
        """;

    private static readonly Lazy<Task<OpenApiJsonValidator>> Rules = new(async () =>
        new OpenApiJsonValidator((await SpecLoader.LoadAsync(Encoding.UTF8.GetBytes(RulesSpec), "rules.yaml")).Document));

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "Pet", """{"kind":"cat","lives":9}""", [] },
        { "Pet", """{"kind":"cat"}""", ["$"] },
        { "Pet", """{"kind":"bird"}""", ["$.kind"] },
        { "Pet", """{"lives":9}""", ["$"] },
        { "Pet", """{"kind":"dog","born":"2021-07-20T00:00:00Z"}""", [] },
        { "Pet", """{"kind":"dog","born":"yesterday"}""", ["$.born"] },
        { "Cat", """{"kind":"cat","lives":3000000000}""", ["$.lives"] },
        { "Cat", """{"kind":"cat","lives":9.5}""", ["$.lives"] },
        { "Stop", "\"END\"", [] },
        { "Stop", """["a","b"]""", [] },
        { "Stop", """["a",1]""", ["$"] },
        { "Stop", "null", ["$"] },
        { "Amount", "2.5", [] },
        { "Amount", "2", ["$"] },
        { "Holder", """{"note":null,"size":5000000000,"extra":{"any":[1,{}]},"anything":[null],"unknown":true,"color":"red"}""", [] },
        { "Holder", """{"size":"5"}""", ["$.size"] },
        { "Holder", """{"extra":3}""", ["$.extra"] },
        { "Holder", """{"color":"green"}""", ["$.color"] },
        { "Holder", "null", ["$"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachRuleReportsTheViolationAtItsPath(string schema, string json, string[] expectedPaths)
    {
        // Arrange
        var validator = await Rules.Value;
        using var document = JsonDocument.Parse(json);

        // Act
        var violations = validator.Validate(document.RootElement, schema);

        // Assert
        Assert.Equal(expectedPaths, violations.Select(v => v.Path));
    }

    [Fact]
    public async Task ModelsListWithANumericIdFailsAtThatId()
    {
        // Arrange
        var specs = await GatewaySpecs.LoadRepositoryAsync();
        var models = JsonNode.Parse(EmbeddedCassettes.Get("models-list").Interactions[0].Response.Json!.Value.GetRawText())!;
        models["data"]![0]!["id"] = 42;
        using var document = JsonDocument.Parse(models.ToJsonString());

        // Act
        var violations = specs.OpenAi.Validator.Validate(document.RootElement, "ModelList");

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal("$.data[0].id", violation.Path);
        Assert.StartsWith("expected string, got number 42", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecChangeContradictingRecordedTrafficFailsTheCassette()
    {
        // Arrange: a copy of openai.yaml whose Model.created is a string, as if someone "fixed" the placeholder.
        var directory = Directory.CreateTempSubdirectory("ezrouter-contract-");
        try
        {
            var original = await File.ReadAllTextAsync(Path.Combine(GatewaySpecs.RepositoryRoot, "openapi", "openai.yaml"));
            const string Created = "        created:\n          type: integer\n          format: int64\n          description: \"Unix timestamp placeholder";
            Assert.Equal(1, CountOf(original, Created));
            var changed = Path.Combine(directory.FullName, "openai.yaml");
            await File.WriteAllTextAsync(changed, original.Replace(Created, "        created:\n          type: string\n          description: \"Unix timestamp placeholder", StringComparison.Ordinal));
            var specs = await GatewaySpecs.LoadAsync(changed, Path.Combine(GatewaySpecs.RepositoryRoot, "openapi", "anthropic.yaml"));

            // Act
            var checks = CassetteBodies.Of(EmbeddedCassettes.Get("models-list")).Select(new BodyConformance(specs).CheckResponse).ToList();

            // Assert
            var violations = Assert.Single(checks).Violations;
            Assert.Equal(Enumerable.Range(0, 9).Select(i => $"$.data[{i}].created"), violations.Select(v => v.Path));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
