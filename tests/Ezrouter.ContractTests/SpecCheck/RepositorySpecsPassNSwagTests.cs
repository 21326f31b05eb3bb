using Ezrouter.ContractTests.Schema;

namespace Ezrouter.ContractTests.SpecCheck;

/// <summary>The specs in openapi/ pass build/SpecCheck: NSwag loads each of them.</summary>
public sealed class RepositorySpecsPassNSwagTests
{
    [Fact]
    public async Task EverySpecLoads()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("ezrouter-spec-check-");
        try
        {
            var stamps = Path.Combine(directory.FullName, "stamps");
            var specs = Directory.GetFiles(Path.Combine(GatewaySpecs.RepositoryRoot, "openapi"), "*.yaml");

            // Act
            var (exitCode, output) = await SpecCheckRun.RunAsync(stamps);

            // Assert: both specs are among them, and each was loaded by NSwag (it leaves its stamp).
            Assert.True(exitCode == 0, output);
            Assert.Contains(specs, s => Path.GetFileName(s) == "openai.yaml");
            Assert.Contains(specs, s => Path.GetFileName(s) == "anthropic.yaml");
            Assert.All(specs, s => Assert.True(File.Exists(Path.Combine(stamps, Path.GetFileName(s) + ".ok")), $"no stamp for {s}\n{output}"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
