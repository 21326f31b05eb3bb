using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ezrouter.Generator.Emitting;

namespace Ezrouter.Generator.Tests;

/// <summary>ezrouter-lock.json records which spec bytes and which generator made a client.</summary>
public sealed class LockFileTests
{
    [Theory]
    [MemberData(nameof(RealSpecs.SpecPaths), MemberType = typeof(RealSpecs))]
    public async Task LockFileCarriesTheSpecHashAndGeneratorVersion(string specPath)
    {
        var surface = RealSpecs.Surface(specPath);
        var specBytes = File.ReadAllBytes(Path.Combine(RealSpecs.RepositoryRoot, specPath));

        var generated = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, surface);

        using var lockFile = JsonDocument.Parse(generated["ezrouter-lock.json"]);
        var root = lockFile.RootElement;
        Assert.Equal(Sha256Hex(specBytes), root.GetProperty("descriptionHash").GetString());
        Assert.Equal("SHA-256", root.GetProperty("descriptionHashAlgorithm").GetString());
        Assert.Equal(specPath, root.GetProperty("descriptionLocation").GetString());
        Assert.Equal("Ezrouter.Generator", root.GetProperty("generator").GetString());
        Assert.Equal(KiotaFile.GeneratorVersion, root.GetProperty("generatorVersion").GetString());
        Assert.Equal(surface.ClientName, root.GetProperty("clientClassName").GetString());
        Assert.Equal(surface.Namespace, root.GetProperty("clientNamespaceName").GetString());
    }

    [Fact]
    public async Task GeneratedCodeAttributeCarriesTheSameGeneratorVersionAsTheLockFile()
    {
        var generated = await ClientGenerator.GenerateAsync(RealSpecs.RepositoryRoot, RealSpecs.Surface("openapi/openai.yaml"));
        using var lockFile = JsonDocument.Parse(generated["ezrouter-lock.json"]);
        var version = lockFile.RootElement.GetProperty("generatorVersion").GetString();

        foreach (var (path, text) in generated.Where(f => f.Key.EndsWith(".cs", StringComparison.Ordinal)))
            Assert.True(text.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"Ezrouter.Generator\", \"{version}\")]", StringComparison.Ordinal), path);
    }

    [Fact]
    public async Task LockFileHashChangesWithTheSpecBytes()
    {
        const string body = "paths: {}\ncomponents:\n  schemas: {}\n";
        var generated = await AcmeSpec.GenerateAsync(body);
        var withComment = await AcmeSpec.GenerateAsync(body + "# a comment changes the bytes, not the model\n");

        using var first = JsonDocument.Parse(generated["ezrouter-lock.json"]);
        using var second = JsonDocument.Parse(withComment["ezrouter-lock.json"]);
        Assert.Equal(Sha256Hex(Encoding.UTF8.GetBytes(AcmeSpec.Document(body))), first.RootElement.GetProperty("descriptionHash").GetString());
        Assert.NotEqual(first.RootElement.GetProperty("descriptionHash").GetString(), second.RootElement.GetProperty("descriptionHash").GetString());
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
