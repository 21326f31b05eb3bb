using System.Runtime.CompilerServices;
using Ezrouter.TestSupport;

namespace Ezrouter.Testing.Tests;

/// <summary>The public API listing is committed; a change to the surface shows up as a diff in review.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApiMatchesTheCommittedListing() =>
        PublicApiListing.AssertMatches(typeof(RecordedGateway).Assembly, GoldenPath());

    private static string GoldenPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "TestData", "PublicApiTests", "Ezrouter.Testing.txt");
}
