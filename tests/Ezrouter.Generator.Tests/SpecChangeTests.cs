namespace Ezrouter.Generator.Tests;

/// <summary>A spec edit reaches the generated code, and the drift check notices it.</summary>
public sealed class SpecChangeTests
{
    [Fact]
    public async Task NewSpecPropertyAppearsInTheModelAndIsReportedAsDrift()
    {
        var surface = RealSpecs.Surface("openapi/openai.yaml");
        var root = RealSpecs.CreateTempDirectory("ezrouter-spec-change");
        try
        {
            var original = File.ReadAllText(Path.Combine(RealSpecs.RepositoryRoot, surface.SpecPath));
            var edited = AddModelProperty(original);
            Directory.CreateDirectory(Path.Combine(root, "openapi"));
            File.WriteAllText(Path.Combine(root, surface.SpecPath), edited);

            var generated = await ClientGenerator.GenerateAsync(root, surface);

            var model = generated["Models/Model.cs"];
            Assert.Contains("public string? XTestField { get; set; }", model);
            Assert.Contains("{ \"x_test_field\", n => { XTestField = n.GetStringValue(); } },", model);
            Assert.Contains("writer.WriteStringValue(\"x_test_field\", XTestField);", model);

            var drift = GeneratedTree.Compare(generated, Path.Combine(RealSpecs.RepositoryRoot, surface.OutputDirectory));
            Assert.False(drift.IsClean);
            Assert.Equal(["Models/Model.cs", "ezrouter-lock.json"], drift.Differing);
            Assert.Empty(drift.Missing);
            Assert.Empty(drift.Extra);
            Assert.Contains("differs: Models/Model.cs", drift.Describe(surface.OutputDirectory));
        }
        finally
        {
            RealSpecs.DeleteQuietly(root);
        }
    }

    /// <summary>Adds <c>x_test_field</c> (string) as the first property of the <c>Model</c> schema, by text edit.</summary>
    private static string AddModelProperty(string spec)
    {
        var newline = spec.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var anchor = string.Join(newline, "    Model:", "      type: object", "      description: \"One model of the catalog.\"", "      properties:", "");
        var at = spec.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(at >= 0, "the Model schema in openapi/openai.yaml no longer starts as this test expects; update the anchor");
        var insertion = string.Join(newline, "        x_test_field:", "          type: string", "          description: \"A field added by SpecChangeTests.\"", "");
        return spec.Insert(at + anchor.Length, insertion);
    }
}
