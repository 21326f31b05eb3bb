namespace Ezrouter.Generator.Tests;

/// <summary>Object schemas → IParsable model classes (openapi/README.md §2).</summary>
public sealed class ModelTests
{
    [Fact]
    public async Task ObjectWithEveryPrimitiveAndArrayBecomesParsableClass()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths: {}
            components:
              schemas:
                Widget:
                  type: object
                  description: "A widget with one property of each supported kind."
                  properties:
                    name:
                      type: string
                      description: "Display name."
                    created_at:
                      type: string
                      format: date-time
                      description: "When the widget was made."
                    count:
                      type: integer
                      format: int32
                      description: "A 32-bit count."
                    total_bytes:
                      type: integer
                      format: int64
                      description: "A 64-bit size."
                    ratio:
                      type: number
                      nullable: true
                      description: "A double; nullable changes nothing in C#."
                    weight:
                      type: number
                      format: float
                      description: "A float."
                    enabled:
                      type: boolean
                      description: "A flag."
                    tags:
                      type: array
                      description: "Strings."
                      items:
                        type: string
                    scores:
                      type: array
                      description: "Integers."
                      items:
                        type: integer
                        format: int32
                    parts:
                      type: array
                      description: "Objects by $ref."
                      items:
                        $ref: "#/components/schemas/Part"
                    main_part:
                      $ref: "#/components/schemas/Part"
                    undocumented:
                      type: string
                Part:
                  type: object
                  description: "A part."
                  properties:
                    label:
                      type: string
                      description: "The label."
            """);

        GoldenFile.AssertMatches(files["Models/Widget.cs"]);
    }

    [Fact]
    public async Task FreeFormPropertyBecomesUntypedNode()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths: {}
            components:
              schemas:
                Tool:
                  type: object
                  description: "A tool with open JSON members."
                  properties:
                    name:
                      type: string
                      description: "The tool name."
                    parameters:
                      type: object
                      description: "JSON Schema of the arguments (type object, no properties)."
                    input:
                      description: "Any JSON value (no type at all)."
                    examples:
                      type: array
                      description: "Free-form array items."
                      items: {}
            """);

        GoldenFile.AssertMatches(files["Models/Tool.cs"]);
    }

    [Fact]
    public async Task PropertyNamedLikeItsClassGetsPropSuffix()
    {
        var files = await AcmeSpec.GenerateAsync(
            """
            paths: {}
            components:
              schemas:
                Stop:
                  type: object
                  description: "A stop with a property named like the class."
                  properties:
                    stop:
                      type: string
                      description: "The stop text."
                    reason:
                      type: string
                      description: "Why it stopped."
            """);

        GoldenFile.AssertMatches(files["Models/Stop.cs"]);
    }
}
