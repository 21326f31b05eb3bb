using Ezrouter.Generator.Loading;

namespace Ezrouter.Generator.Tests;

/// <summary>Constructs outside openapi/README.md's subset fail loudly, naming where they are.</summary>
public sealed class SubsetEnforcementTests
{
    private static async Task<SpecException> BuildFailsAsync(string body) =>
        await Assert.ThrowsAsync<SpecException>(() => AcmeSpec.BuildAsync(body));

    [Fact]
    public async Task InlineObjectPropertyIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Widget:
                  type: object
                  description: "Holds an inline object."
                  properties:
                    settings:
                      type: object
                      properties:
                        mode:
                          type: string
            """);

        Assert.StartsWith("components.schemas.Widget.settings:", error.Message);
        Assert.Contains("inline object", error.Message);
    }

    [Fact]
    public async Task InlineEnumPropertyIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Widget:
                  type: object
                  description: "Holds an inline enum."
                  properties:
                    color:
                      type: string
                      enum: [red, green]
            """);

        Assert.StartsWith("components.schemas.Widget.color:", error.Message);
        Assert.Contains("inline enum", error.Message);
    }

    [Fact]
    public async Task AnyOfComponentIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Content:
                  description: "An anyOf."
                  anyOf:
                    - $ref: "#/components/schemas/Part"
                    - type: string
                Part:
                  type: object
                  description: "A part."
                  properties:
                    text:
                      type: string
            """);

        Assert.StartsWith("components.schemas.Content:", error.Message);
        Assert.Contains("anyOf", error.Message);
    }

    [Fact]
    public async Task InlineAnyOfPropertyIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Widget:
                  type: object
                  description: "Holds an inline anyOf."
                  properties:
                    value:
                      anyOf:
                        - $ref: "#/components/schemas/Part"
                        - type: integer
                Part:
                  type: object
                  description: "A part."
                  properties:
                    text:
                      type: string
            """);

        Assert.StartsWith("components.schemas.Widget.value:", error.Message);
        Assert.Contains("anyOf", error.Message);
    }

    [Fact]
    public async Task InlineAnyOfOfPrimitivesIsRejected()
    {
        // Microsoft.OpenApi folds anyOf [string, integer] into one schema with two types; that is rejected too.
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Widget:
                  type: object
                  description: "Holds an inline anyOf of primitives."
                  properties:
                    value:
                      anyOf:
                        - type: string
                        - type: integer
            """);

        Assert.StartsWith("components.schemas.Widget.value:", error.Message);
    }

    [Fact]
    public async Task DiscriminatedUnionMemberMissingFromMappingIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Shape:
                  description: "Square is a member but not in the mapping."
                  oneOf:
                    - $ref: "#/components/schemas/Circle"
                    - $ref: "#/components/schemas/Square"
                  discriminator:
                    propertyName: type
                    mapping:
                      circle: "#/components/schemas/Circle"
                Circle:
                  type: object
                  description: "A circle."
                  properties:
                    type:
                      type: string
                Square:
                  type: object
                  description: "A square."
                  properties:
                    type:
                      type: string
            """);

        Assert.StartsWith("components.schemas.Shape:", error.Message);
        Assert.Contains("Square", error.Message);
        Assert.Contains("discriminator.mapping", error.Message);
    }

    [Fact]
    public async Task DiscriminatedUnionMemberWithoutTheDiscriminatorPropertyIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Shape:
                  description: "Square has no `type` property."
                  oneOf:
                    - $ref: "#/components/schemas/Circle"
                    - $ref: "#/components/schemas/Square"
                  discriminator:
                    propertyName: type
                    mapping:
                      circle: "#/components/schemas/Circle"
                      square: "#/components/schemas/Square"
                Circle:
                  type: object
                  description: "A circle."
                  properties:
                    type:
                      type: string
                Square:
                  type: object
                  description: "A square."
                  properties:
                    side:
                      type: number
            """);

        Assert.StartsWith("components.schemas.Shape:", error.Message);
        Assert.Contains("Square lacks the discriminator property 'type'", error.Message);
    }

    [Fact]
    public async Task PathParameterIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths:
              /v1/models/{model_id}:
                get:
                  summary: "One model."
                  parameters:
                    - name: model_id
                      in: path
                      required: true
                      schema:
                        type: string
                  responses:
                    "204":
                      description: "No body."
            components:
              schemas: {}
            """);

        Assert.StartsWith("paths./v1/models/{model_id}:", error.Message);
        Assert.Contains("path parameters", error.Message);
    }

    [Fact]
    public async Task AUnionWithTwoMembersOfOneTypeIsRejected()
    {
        var error = await BuildFailsAsync(
            """
            paths: {}
            components:
              schemas:
                Label:
                  description: "Two strings: Kiota and the binding to its output could not tell them apart."
                  oneOf:
                    - type: string
                      description: "A name."
                    - type: string
                      description: "A code."
            """);

        Assert.StartsWith("components.schemas.Label:", error.Message);
        Assert.Contains("same type", error.Message);
    }
}
