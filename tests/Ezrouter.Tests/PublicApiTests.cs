using Ezrouter.TestSupport;

namespace Ezrouter.Tests;

/// <summary>
/// The public API listings of the layer and of the generated clients are committed; a change to either surface (a
/// spec edit, a new Kiota version) shows up as a diff in review.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheCommittedListing() =>
        PublicApiListing.AssertMatches(typeof(EzrouterClient).Assembly, GoldenPath("Ezrouter.txt"));

    [Fact]
    public void GeneratedPublicApiMatchesTheCommittedListing() =>
        PublicApiListing.AssertMatches(typeof(Ezrouter.Generated.OpenAi.OpenAiClient).Assembly, GoldenPath("Ezrouter.Generated.txt"));

    private static string GoldenPath(string file) => "tests/Ezrouter.Tests/TestData/PublicApiTests/" + file;
}
