using System.Reflection;
using Ezrouter.ContractTests.Support;

namespace Ezrouter.ContractTests;

/// <summary>A new cassette cannot be forgotten: every embedded cassette has an SDK contract test, and no test names a cassette that does not exist.</summary>
public sealed class CassetteCoverageTests
{
    private static IReadOnlyList<string> Covered { get; } = typeof(CassetteCoverageTests).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
        .SelectMany(m => m.GetCustomAttributes<HitsCassetteAttribute>())
        .Select(a => a.Name)
        .ToList();

    [Fact]
    public void EveryEmbeddedCassetteHasAnSdkContractTest()
    {
        var missing = EmbeddedCassettes.Names.Except(Covered, StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"no contract test is marked [HitsCassette] for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryMarkedCassetteExistsAndIsMarkedOnce()
    {
        Assert.Empty(Covered.Except(EmbeddedCassettes.Names, StringComparer.Ordinal));
        Assert.Empty(Covered.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
