using Ezrouter.Extensions.AI;
using Ezrouter.TestSupport;

namespace Ezrouter.Extensions.AI.Tests;

/// <summary>The AI package's public API listing is committed, as the layer's is (UPDATE_GOLDEN=1 rewrites it).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheCommittedListing() =>
        PublicApiListing.AssertMatches(typeof(EzrouterChatClient).Assembly, GoldenPath("Ezrouter.Extensions.AI.txt"));

    private static string GoldenPath(string file) => "tests/Ezrouter.Extensions.AI.Tests/TestData/" + file;
}
