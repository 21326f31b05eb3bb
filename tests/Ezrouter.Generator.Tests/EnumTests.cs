namespace Ezrouter.Generator.Tests;

/// <summary>Closed enums → C# enums with [EnumMember] wire values (openapi/README.md §4).</summary>
public sealed class EnumTests
{
    private const string Spec =
        """
        paths: {}
        components:
          schemas:
            Color:
              type: string
              description: "A closed set of colours."
              enum:
                - red
                - deep-red
                - in_stock
                - gpt-4.1
                - Blue
            Palette:
              type: object
              description: "Uses the enum as a property and as array items."
              properties:
                primary:
                  $ref: "#/components/schemas/Color"
                others:
                  type: array
                  description: "More colours."
                  items:
                    $ref: "#/components/schemas/Color"
        """;

    [Fact]
    public async Task ClosedEnumWritesEnumMemberForEachWireValueThatDiffersFromItsName()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        GoldenFile.AssertMatches(files["Models/Color.cs"]);
    }

    [Fact]
    public async Task EnumPropertiesReadAndWriteThroughEnumValueMethods()
    {
        var files = await AcmeSpec.GenerateAsync(Spec);

        GoldenFile.AssertMatches(files["Models/Palette.cs"]);
    }
}
