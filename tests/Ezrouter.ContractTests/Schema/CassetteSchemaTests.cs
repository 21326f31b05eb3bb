using Ezrouter.ContractTests.Support;
using Xunit.Abstractions;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// Every JSON body, SSE payload and bare JSON line in every embedded cassette matches the specs in openapi/, so a spec
/// change that contradicts recorded traffic fails here.
/// </summary>
public sealed class CassetteSchemaTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cassettes => EmbeddedCassettes.NameData;

    [Theory]
    [MemberData(nameof(Cassettes))]
    public async Task EveryResponseBodyMatchesTheSpec(string cassette)
    {
        // Arrange
        var conformance = new BodyConformance(await GatewaySpecs.LoadRepositoryAsync());

        // Act
        var checks = CassetteBodies.Of(EmbeddedCassettes.Get(cassette)).Select(conformance.CheckResponse).ToList();

        // Assert
        foreach (var check in checks) output.WriteLine(check.ToString());
        var failures = checks.Where(c => c.Skipped is null && !c.Conforms).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var validated = checks.Count(c => c.Skipped is null);
        if (validated == 0)
        {
            // Only a cassette that sends no JSON at all (the web UI's HTML page) may have nothing validated.
            Assert.All(checks, c => Assert.Contains("HTML", c.Skipped, StringComparison.Ordinal));
        }
    }
}
