using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Tests;

/// <summary>KiotaShapes reads the shape of what the pinned Kiota CLI really emitted.</summary>
public sealed class KiotaShapesTests
{
    // A closed enum (openapi/README.md §5) as an object's only property and as a union member: Kiota declares both as
    // a nullable value type (Mode?), outside its nullable-annotated block.
    private const string Spec =
        """
        paths:
          /v1/pick:
            post:
              description: "Picks."
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/PickRequest"
              responses:
                "200":
                  description: "The pick."
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PickRequest"
        components:
          schemas:
            Mode:
              type: string
              description: "A closed set."
              enum:
                - auto
                - none
            Choice:
              description: "A mode or a count."
              oneOf:
                - $ref: "#/components/schemas/Mode"
                - type: integer
                  format: int32
                  description: "A count."
            OnlyMode:
              type: object
              description: "An object whose only property is an enum."
              properties:
                mode:
                  $ref: "#/components/schemas/Mode"
            PickRequest:
              type: object
              description: "The request."
              properties:
                choice:
                  $ref: "#/components/schemas/Choice"
                only:
                  $ref: "#/components/schemas/OnlyMode"
        """;

    [Fact]
    public async Task EnumPropertiesAndEnumUnionMembersAreBoundToWhatKiotaDeclared()
    {
        var root = await RealSpecs.GenerateWithKiotaAsync("ezrouter-shapes", AcmeSpec.Surface, AcmeSpec.Document(Spec));
        try
        {
            var bound = KiotaShapes.Bind(await AcmeSpec.BuildAsync(Spec), Path.Combine(root, AcmeSpec.Surface.KiotaOutputDirectory, "Models"));

            var only = Assert.IsType<ObjectDef>(bound.Types.Single(t => t.Name == "OnlyMode"));
            Assert.Equal(["mode"], only.Properties.Select(p => p.WireName));
            var choice = Assert.IsType<UnionDef>(bound.Types.Single(t => t.Name == "Choice"));
            Assert.Equal(["Integer", "Mode"], choice.Members.Select(m => m.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            RealSpecs.DeleteQuietly(root);
        }
    }
}
