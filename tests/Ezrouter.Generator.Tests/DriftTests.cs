namespace Ezrouter.Generator.Tests;

/// <summary>The committed clients under src/Ezrouter.Generated are exactly what the specs generate today.</summary>
public sealed class DriftTests
{
    [Theory]
    [MemberData(nameof(RealSpecs.SpecPaths), MemberType = typeof(RealSpecs))]
    public async Task CommittedClientMatchesAFreshGeneration(string specPath)
    {
        // Both halves, regenerated from the spec alone in a copy of the layout: the pinned Kiota CLI, then ours on
        // top of what that Kiota wrote (not on top of the committed Kiota output).
        var surface = RealSpecs.Surface(specPath);
        var fresh = await RealSpecs.GenerateWithKiotaAsync("ezrouter-drift", surface);
        try
        {
            var kiota = GeneratedTree.Read(Path.Combine(fresh, surface.KiotaOutputDirectory));
            var ours = await ClientGenerator.GenerateAsync(fresh, surface);

            var kiotaDrift = GeneratedTree.Compare(kiota, Path.Combine(RealSpecs.RepositoryRoot, surface.KiotaOutputDirectory));
            var ourDrift = GeneratedTree.Compare(ours, Path.Combine(RealSpecs.RepositoryRoot, surface.OutputDirectory));

            Assert.Contains("kiota-lock.json", kiota.Keys);
            Assert.Contains("\"kiotaVersion\": \"1.38.0\"", kiota["kiota-lock.json"]);
            Assert.True(kiotaDrift.IsClean, kiotaDrift.Describe(surface.KiotaOutputDirectory));
            Assert.True(ourDrift.IsClean, ourDrift.Describe(surface.OutputDirectory));
        }
        finally
        {
            RealSpecs.DeleteQuietly(fresh);
        }
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
            File.AppendAllText(Path.Combine(output, "Models/ChatCompletionStreamChoice.cs"), "// hand edit\n");
            File.Delete(Path.Combine(output, "Models/CreateChatCompletionStreamResponse.cs"));
            File.WriteAllText(Path.Combine(output, "Models/Stale.cs"), "// a removed schema\n");

            var drift = GeneratedTree.Compare(generated, output);

            Assert.Equal(["Models/ChatCompletionStreamChoice.cs"], drift.Differing);
            Assert.Equal(["Models/CreateChatCompletionStreamResponse.cs"], drift.Missing);
            Assert.Equal(["Models/Stale.cs"], drift.Extra);
            var message = drift.Describe(surface.OutputDirectory);
            Assert.Contains("differs: Models/ChatCompletionStreamChoice.cs", message);
            Assert.Contains("missing: Models/CreateChatCompletionStreamResponse.cs", message);
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
