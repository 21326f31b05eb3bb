namespace Ezrouter.Generator.Tests;

/// <summary>The committed clients under src/Ezrouter.Generated are exactly what the specs generate today.</summary>
public sealed class DriftTests
{
    [Theory]
    [MemberData(nameof(RealSpecs.SpecPaths), MemberType = typeof(RealSpecs))]
    public async Task CommittedClientMatchesAFreshGeneration(string specPath)
    {
        var surface = RealSpecs.Surface(specPath);
        var generated = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, surface);

        var drift = GeneratedTree.Compare(generated, Path.Combine(RealSpecs.RepositoryRoot, surface.OutputDirectory));

        Assert.True(drift.IsClean, drift.Describe(surface.OutputDirectory));
    }

    [Fact]
    public async Task DriftReportListsDifferingMissingAndExtraFiles()
    {
        var surface = RealSpecs.Surface("openapi/openai.yaml");
        var generated = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, surface);
        var output = RealSpecs.CreateTempDirectory("ezrouter-drift");
        try
        {
            ClientGenerator.WriteOutput(output, generated);
            File.AppendAllText(Path.Combine(output, "Models/ModelList.cs"), "// hand edit\n");
            File.Delete(Path.Combine(output, "Models/Model.cs"));
            File.WriteAllText(Path.Combine(output, "Models/Stale.cs"), "// a removed schema\n");

            var drift = GeneratedTree.Compare(generated, output);

            Assert.Equal(["Models/ModelList.cs"], drift.Differing);
            Assert.Equal(["Models/Model.cs"], drift.Missing);
            Assert.Equal(["Models/Stale.cs"], drift.Extra);
            var message = drift.Describe(surface.OutputDirectory);
            Assert.Contains("differs: Models/ModelList.cs", message);
            Assert.Contains("missing: Models/Model.cs", message);
            Assert.Contains("extra:   Models/Stale.cs", message);
            Assert.Contains("dotnet tool restore && dotnet cake --target=Generate", message);
        }
        finally
        {
            RealSpecs.DeleteQuietly(output);
        }
    }

    [Fact]
    public async Task WriteOutputReplacesTheFolderWholeSoAFreshWriteHasNoDrift()
    {
        var surface = RealSpecs.Surface("openapi/anthropic.yaml");
        var generated = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, surface);
        var output = RealSpecs.CreateTempDirectory("ezrouter-write");
        try
        {
            Directory.CreateDirectory(Path.Combine(output, "Models"));
            File.WriteAllText(Path.Combine(output, "Models/Stale.cs"), "// a removed schema\n");

            ClientGenerator.WriteOutput(output, generated);

            Assert.True(GeneratedTree.Compare(generated, output).IsClean);
        }
        finally
        {
            RealSpecs.DeleteQuietly(output);
        }
    }
}
