using Ezrouter.Testing;

namespace Ezrouter.ContractTests.Support;

/// <summary>The cassettes embedded in Ezrouter.Testing, loaded once, as theory data and by name.</summary>
public static class EmbeddedCassettes
{
    private static readonly Lazy<IReadOnlyDictionary<string, Cassette>> All =
        new(() => Cassette.LoadEmbedded().ToDictionary(c => c.Name, StringComparer.Ordinal));

    /// <summary>Every embedded cassette name, in ordinal order.</summary>
    public static IReadOnlyList<string> Names => All.Value.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>One row per embedded cassette.</summary>
    public static TheoryData<string> NameData => new(Names);

    /// <summary>The embedded cassette with this name.</summary>
    public static Cassette Get(string name) => All.Value[name];
}
