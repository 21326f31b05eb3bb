using System.Runtime.CompilerServices;
using Ezrouter.TestSupport;

namespace Ezrouter.Tests;

/// <summary>The layer's public API listing is committed; a change to the surface shows up as a diff in review.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheCommittedListing() =>
        PublicApiListing.AssertMatches(typeof(EzrouterClient).Assembly, GoldenPath());

    private static string GoldenPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "TestData", "PublicApiTests", "Ezrouter.txt");
}
