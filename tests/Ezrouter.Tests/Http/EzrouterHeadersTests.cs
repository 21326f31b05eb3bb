using Ezrouter.Http;

namespace Ezrouter.Tests.Http;

/// <summary><see cref="EzrouterHeaders"/>: a header present with no value reads as absent, not as a failure.</summary>
public sealed class EzrouterHeadersTests
{
    [Fact]
    public void AHeaderWithNoValueReadsAsNoValue()
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["X-Oneapi-Request-Id"] = [] };

        Assert.Null(EzrouterHeaders.First(headers, EzrouterHeaders.RequestId));
    }
}
