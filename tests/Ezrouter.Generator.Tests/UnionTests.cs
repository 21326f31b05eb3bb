namespace Ezrouter.Generator.Tests;

/// <summary>oneOf → Kiota composed-type wrappers (openapi/README.md §5).</summary>
public sealed class UnionTests
{
    [Fact]
    public async Task DiscriminatedOneOfPicksMemberByTagAndHoldsItsOwnAdditionalData()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths: {}
            components:
              schemas:
                Shape:
                  description: "A shape, told apart by `type`."
                  oneOf:
                    - $ref: "#/components/schemas/Circle"
                    - $ref: "#/components/schemas/Square"
                  discriminator:
                    propertyName: type
                    mapping:
                      circle: "#/components/schemas/Circle"
                      square: "#/components/schemas/Square"
                      box: "#/components/schemas/Square"
                Circle:
                  type: object
                  description: "A circle."
                  properties:
                    type:
                      type: string
                      description: "Always `circle`."
                    radius:
                      type: number
                      description: "The radius."
                Square:
                  type: object
                  description: "A square."
                  properties:
                    type:
                      type: string
                      description: "`square` or `box`."
                    side:
                      type: number
                      description: "The side."
            """);

        GoldenFile.AssertMatches(files["Models/Shape.cs"]);
    }

    [Fact]
    public async Task StringOrArrayUnionReadsTheScalarThenTheCollection()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths: {}
            components:
              schemas:
                Content:
                  description: "Text, or an array of parts."
                  oneOf:
                    - type: string
                    - type: array
                      items:
                        $ref: "#/components/schemas/ContentPart"
                StopSequences:
                  description: "One stop sequence or several."
                  oneOf:
                    - type: string
                    - type: array
                      items:
                        type: string
                ContentPart:
                  type: object
                  description: "A content part."
                  properties:
                    text:
                      type: string
                      description: "The text."
            """);

        GoldenFile.AssertMatches(files["Models/Content.cs"], "Content");
        GoldenFile.AssertMatches(files["Models/StopSequences.cs"], "StopSequences");
    }

    [Fact]
    public async Task StringOrIntegerUnionReadsEachScalarKind()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths: {}
            components:
              schemas:
                ErrorCode:
                  description: "A code the gateway sends as a string or an integer."
                  oneOf:
                    - type: string
                    - type: integer
                      format: int32
            """);

        GoldenFile.AssertMatches(files["Models/ErrorCode.cs"]);
    }

    [Fact]
    public async Task ScalarPlusObjectUnionTriesTheScalarFirstThenTheObject()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths: {}
            components:
              schemas:
                ToolChoice:
                  description: "`auto`, `none`, `required`, or a named tool."
                  oneOf:
                    - type: string
                    - $ref: "#/components/schemas/NamedToolChoice"
                NamedToolChoice:
                  type: object
                  description: "Forces one tool."
                  properties:
                    type:
                      type: string
                      description: "Always `function`."
                    name:
                      type: string
                      description: "The tool name."
            """);

        GoldenFile.AssertMatches(files["Models/ToolChoice.cs"]);
    }
}
