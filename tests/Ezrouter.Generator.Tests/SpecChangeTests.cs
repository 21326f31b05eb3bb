namespace Ezrouter.Generator.Tests;

/// <summary>A spec edit reaches the generated code, and the drift check notices it.</summary>
public sealed class SpecChangeTests
{
    [Fact]
    public async Task NewSpecPropertyAppearsInTheModelAndIsReportedAsDrift()
    {
        var surface = RealSpecs.Surface("openapi/openai.yaml");
        var original = File.ReadAllText(Path.Combine(RealSpecs.RepositoryRoot, surface.SpecPath));
        var root = await RealSpecs.GenerateWithKiotaAsync("ezrouter-spec-change", surface, AddModelProperty(original));
        try
        {
            // Kiota writes the model (Model is a JSON response type)...
            var kiota = GeneratedTree.Read(Path.Combine(root, surface.KiotaOutputDirectory));
            var model = kiota["Models/Model.cs"];
            Assert.Contains("public string? XTestField { get; set; }", model);
            Assert.Contains("{ \"x_test_field\", n => { XTestField = n.GetStringValue(); } },", model);
            Assert.Contains("writer.WriteStringValue(\"x_test_field\", XTestField);", model);
            var kiotaDrift = GeneratedTree.Compare(kiota, Path.Combine(RealSpecs.RepositoryRoot, surface.KiotaOutputDirectory));
            Assert.Equal(["Models/Model.cs", "kiota-lock.json"], kiotaDrift.Differing);
            Assert.Empty(kiotaDrift.Missing);
            Assert.Empty(kiotaDrift.Extra);
            Assert.Contains("differs: Models/Model.cs", kiotaDrift.Describe(surface.KiotaOutputDirectory));

            // ...and ours: Model's reader (it is reached from a JSON answer) reads the new field, and the lock records the new spec hash.
            var ours = await ClientGenerator.GenerateAsync(root, surface);
            Assert.Equal(["Readers/ModelReader.cs", "ezrouter-lock.json"], GeneratedTree.Compare(ours, Path.Combine(RealSpecs.RepositoryRoot, surface.OutputDirectory)).Differing);
            Assert.Contains("if(name.SequenceEqual(\"x_test_field\"u8))", ours["Readers/ModelReader.cs"]);
            Assert.Contains("result.XTestField = JsonReaderSupport.String(ref reader);", ours["Readers/ModelReader.cs"]);
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
