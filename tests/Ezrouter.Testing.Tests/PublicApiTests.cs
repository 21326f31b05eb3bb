using Ezrouter.TestSupport;

namespace Ezrouter.Testing.Tests;

/// <summary>The public API listing is committed; a change to the surface shows up as a diff in review.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheCommittedListing() =>
        PublicApiListing.AssertMatches(typeof(RecordedGateway).Assembly,
            "tests/Ezrouter.Testing.Tests/TestData/PublicApiTests/Ezrouter.Testing.txt");
}
