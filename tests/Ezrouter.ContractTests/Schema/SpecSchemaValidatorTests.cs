using System.Text.Json.Nodes;
using Ezrouter.ContractTests.Support;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// How NSwag and NJsonSchema read the OpenAPI 3.0 our specs use, measured: each rule accepts valid bodies and rejects a
/// value that breaks it at the right JSON path; what NJsonSchema reads differently from OAS 3.0 is pinned down here
/// (openapi/README.md, "NSwag checks the specs").
/// </summary>
public sealed class SpecSchemaValidatorTests
{
    // A small spec with one schema per feature, loaded by NSwag like the real ones.
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
            MaybeStop:
              nullable: true
              oneOf: [{type: string}, {type: array, items: {type: string}}]
            Amount:
              oneOf: [{type: number, description: any number}, {type: integer, description: a whole number}]
            Holder:
              type: object
              properties:
                note: {type: string, nullable: true}
                size: {type: integer, format: int64}
                extra: {type: object, description: free-form object}
                anything: {description: free-form, no type}
                maybe: {nullable: true, description: free-form, no type, nullable}
                color: {type: string, enum: [red, blue]}
                stop: {$ref: '#/components/schemas/Stop'}
                maybeStop: {$ref: '#/components/schemas/MaybeStop'}
                pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
                'odd name': {type: boolean}
        """;

    private static readonly Lazy<Task<OpenApiDocument>> Rules = new(() => OpenApiYamlDocument.FromYamlAsync(RulesSpec));

    public static TheoryData<string, string, string[]> Cases => new()
    {
        // oneOf with a discriminator: the value picks the member.
        { "Pet", """{"kind":"cat","lives":9}""", [] },
        { "Pet", """{"kind":"dog","born":"2021-07-20T00:00:00Z"}""", [] },
        { "Pet", """{"kind":"cat"}""", ["$.lives"] },
        { "Pet", """{"kind":"bird"}""", ["$.kind"] },
        { "Pet", """{"kind":7}""", ["$.kind"] },
        { "Pet", """{"lives":9}""", ["$.kind"] },
        { "Pet", "[]", ["$"] },
        { "Pet", """{"kind":"dog","born":"yesterday"}""", ["$.born"] },
        // Integers: a fraction is rejected (and so is 9.0: Newtonsoft reads it as a float). NJsonSchema checks no
        // integer format: int32 and int64 ranges are not enforced (formats are checked on strings only).
        { "Cat", """{"kind":"cat","lives":9.5}""", ["$.lives"] },
        { "Cat", """{"kind":"cat","lives":9.0}""", ["$.lives"] },
        { "Cat", """{"kind":"cat","lives":3000000000}""", [] },
        // oneOf of a string and an array: exactly one member matches.
        { "Stop", "\"END\"", [] },
        { "Stop", """["a","b"]""", [] },
        { "Stop", """["a",1]""", ["$"] },
        { "Stop", "null", ["$"] },
        { "Stop", "{}", ["$"] },
        { "Amount", "2.5", [] },
        { "Amount", "2", ["$"] },
        // nullable: true beside a type allows null; without it null is rejected.
        { "Holder", """{"note":null,"size":5000000000,"extra":{"any":[1,{}]},"anything":[null],"maybe":"x","unknown":true,"color":"red"}""", [] },
        { "Holder", """{"size":null}""", ["$.size"] },
        { "Holder", """{"note":5}""", ["$.note"] },
        { "Holder", """{"size":"5"}""", ["$.size"] },
        { "Holder", """{"color":"green"}""", ["$.color"] },
        { "Holder", "null", ["$"] },
        // Free-form: type: object takes any object and only an object; no type takes any JSON, null included.
        { "Holder", """{"extra":{}}""", [] },
        { "Holder", """{"extra":3}""", ["$.extra"] },
        { "Holder", """{"extra":null}""", ["$.extra"] },
        { "Holder", """{"anything":3,"maybe":null}""", [] },
        { "Holder", """{"anything":null}""", [] },
        { "Holder", """{"anything":"x","maybe":[{}]}""", [] },
        // nullable: true beside a oneOf (no type): NJsonSchema takes null for such a property, though OAS 3.0.3 says
        // nullable counts only beside an explicit type; at the top level the oneOf still rejects it.
        { "Holder", """{"maybeStop":null}""", [] },
        { "MaybeStop", "null", ["$"] },
        { "Holder", """{"stop":null}""", ["$.stop"] },
        // Paths into arrays, and NJsonSchema's path for a property name that is not an identifier.
        { "Holder", """{"pets":[{"kind":"cat","lives":1},{"kind":"dog","born":"x"},{"kind":"cat"}]}""", ["$.pets[1].born", "$.pets[2].lives"] },
        { "Holder", """{"odd name":"yes"}""", ["$.odd name"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachRuleReportsTheViolationAtItsPath(string schema, string json, string[] expectedPaths)
    {
        // Arrange
        var validator = new SpecSchemaValidator(await Rules.Value);

        // Act
        var violations = validator.Validate(json, schema);

        // Assert
        Assert.True(expectedPaths.SequenceEqual(violations.Select(v => v.Path)), string.Join("\n", violations));
    }

    [Fact]
    public async Task NJsonSchemaAloneIgnoresTheDiscriminator()
    {
        // Arrange: a cat is also a valid Dog (Dog requires only kind and allows more properties).
        var pet = (await Rules.Value).Components.Schemas["Pet"];

        // Act
        var errors = pet.Validate("""{"kind":"cat","lives":9}""", SchemaType.OpenApi3);

        // Assert: plain JSON Schema oneOf semantics, two members match; this is why SpecSchemaValidator reads the discriminator.
        var error = Assert.IsType<ChildSchemaValidationError>(Assert.Single(errors));
        Assert.Equal(ValidationErrorKind.NotOneOf, error.Kind);
        Assert.Equal(2, error.Errors.Count(e => e.Value.Count == 0));
    }

    [Fact]
    public async Task NJsonSchemaAloneRejectsAUserMessageOfTheRealSpec()
    {
        // Arrange: the real spec's messages differ only by the value of role, a plain string.
        var specs = await GatewaySpecs.LoadRepositoryAsync();
        var message = specs.OpenAi.Validator.Component("ChatCompletionRequestMessage");
        const string User = """{"role":"user","content":"Hello!"}""";

        // Act
        var plain = message.Validate(User, SchemaType.OpenApi3);
        var read = specs.OpenAi.Validator.Validate(User, message);

        // Assert
        Assert.Equal(ValidationErrorKind.NotOneOf, Assert.Single(plain).Kind);
        Assert.Empty(read);
    }

    public static TheoryData<string, string, string[]> RealSpecCases => new()
    {
        { "ChatCompletionRequestMessage", """{"role":"user","content":[{"type":"text","text":"hi"}]}""", [] },
        { "ChatCompletionRequestMessage", """{"role":"assistant","content":null,"tool_calls":[]}""", [] },
        { "ChatCompletionRequestMessage", """{"role":"robot","content":"hi"}""", ["$.role"] },
        { "ChatCompletionRequestMessage", """{"content":"hi"}""", ["$.role"] },
        { "ChatCompletionRequestMessage", """{"role":"user"}""", ["$.content"] },
        { "ChatCompletionRequestMessage", """{"role":"user","content":[{"type":"text"}]}""", ["$.content"] },
        { "ChatCompletionToolChoiceOption", "\"auto\"", [] },
        { "ChatCompletionToolChoiceOption", """{"type":"function","function":{"name":"f"}}""", [] },
        { "ChatCompletionStop", """["a","b"]""", [] },
        { "ChatCompletionStop", "[1]", ["$"] },
        { "ErrorCode", "null", [] },
        { "ErrorCode", "\"model_not_found\"", [] },
        { "ErrorCode", "500", [] },
        { "ErrorCode", "true", ["$"] },
    };

    [Theory]
    [MemberData(nameof(RealSpecCases))]
    public async Task TheRealOpenAiSpecReadsAsWritten(string schema, string json, string[] expectedPaths)
    {
        // Arrange
        var specs = await GatewaySpecs.LoadRepositoryAsync();

        // Act
        var violations = specs.OpenAi.Validator.Validate(json, schema);

        // Assert
        Assert.True(expectedPaths.SequenceEqual(violations.Select(v => v.Path)), string.Join("\n", violations));
    }

    [Fact]
    public async Task ModelsListWithANumericIdFailsAtThatId()
    {
        // Arrange
        var specs = await GatewaySpecs.LoadRepositoryAsync();
        var models = JsonNode.Parse(EmbeddedCassettes.Get("models-list").Interactions[0].Response.Json!.Value.GetRawText())!;
        models["data"]![0]!["id"] = 42;

        // Act
        var violations = specs.OpenAi.Validator.Validate(models.ToJsonString(), "ModelList");

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal("$.data[0].id", violation.Path);
        Assert.Equal("StringExpected: found integer 42", violation.Message);
    }

    [Fact]
    public async Task MissingRequiredPropertyIsNamed()
    {
        // Arrange
        var validator = new SpecSchemaValidator(await Rules.Value);

        // Act
        var violations = validator.Validate("""{"kind":"cat"}""", "Cat");

        // Assert
        Assert.Equal([new SchemaViolation("$.lives", "PropertyRequired: 'lives' is missing")], violations);
    }

    [Fact]
    public async Task NotJsonIsOneViolation()
    {
        // Arrange
        var validator = new SpecSchemaValidator(await Rules.Value);

        // Act
        var violations = validator.Validate("{\"kind\":", "Cat");

        // Assert
        Assert.StartsWith("not JSON", Assert.Single(violations).Message, StringComparison.Ordinal);
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
