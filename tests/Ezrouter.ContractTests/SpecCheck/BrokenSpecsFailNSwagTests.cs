using System.Text.RegularExpressions;
using Ezrouter.ContractTests.Schema;

namespace Ezrouter.ContractTests.SpecCheck;

/// <summary>build/SpecCheck fails on a spec NSwag cannot load, naming the spec with NSwag's own message.</summary>
public sealed class BrokenSpecsFailNSwagTests
{
    [Fact]
    public async Task EachBrokenSpecFailsWithNSwagsMessage()
    {
        // Arrange: a copy of openai.yaml that is not YAML, and a copy of anthropic.yaml with a $ref to no component.
        var directory = Directory.CreateTempSubdirectory("ezrouter-spec-check-");
        try
        {
            var openApi = Path.Combine(GatewaySpecs.RepositoryRoot, "openapi");
            var notYaml = Path.Combine(directory.FullName, "openai.yaml");
            await File.WriteAllTextAsync(notYaml, await File.ReadAllTextAsync(Path.Combine(openApi, "openai.yaml")) + "\nbroken: [unclosed\n");
            var danglingRef = Path.Combine(directory.FullName, "anthropic.yaml");
            var anthropic = await File.ReadAllTextAsync(Path.Combine(openApi, "anthropic.yaml"));
            await File.WriteAllTextAsync(danglingRef, new Regex("#/components/schemas/[A-Za-z0-9]+").Replace(anthropic, "#/components/schemas/NoSuchSchema", 1));
            var stamps = Path.Combine(directory.FullName, "stamps");

            // Act
            var (exitCode, output) = await SpecCheckRun.RunAsync(stamps, notYaml, danglingRef);

            // Assert: the build fails; each spec is named with NSwag's message (YamlDotNet's for the syntax, NJsonSchema's
            // for the $ref); neither is stamped as checked.
            Assert.True(exitCode != 0, output);
            Assert.Matches(new Regex($@"{Regex.Escape(notYaml)} : error NSWAG: NSwag cannot load this spec \(nswag exited with \d+\): \(Line: \d+, Col: \d+.*did not find expected"), output);
            Assert.Matches(new Regex($@"{Regex.Escape(danglingRef)} : error NSWAG: .*Could not resolve the path '#/components/schemas/NoSuchSchema'"), output);
            Assert.False(Directory.Exists(stamps) && Directory.EnumerateFiles(stamps).Any(), output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
