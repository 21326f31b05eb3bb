using Ezrouter.Http;

namespace Ezrouter.Tests.Http;

/// <summary>
/// A value bound for a header is refused when a CR or LF could split it, wherever the character sits; and a header
/// present with no value reads as absent, not as a failure.
/// </summary>
public sealed class HeaderValueGuardTests
{
    [Theory]
    [InlineData("\rX-Forged: 1")]
    [InlineData("\nX-Forged: 1")]
    [InlineData("user\r\nX-Forged: 1")]
    [InlineData("user\n")]
    public void A_value_with_a_line_break_anywhere_is_refused_by_parameter(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => HeaderValues.Validate(value, "endUser"));

        Assert.Equal("endUser", e.ParamName);
        Assert.StartsWith("The value contains a CR or LF character.", e.Message);
    }

    [Fact]
    public void A_value_without_a_line_break_passes() => HeaderValues.Validate("user-42 \t", "endUser");

    [Fact]
    public void A_header_listed_with_no_values_reads_as_absent()
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase) { ["X-Oneapi-Request-Id"] = [] };

        Assert.Null(EzrouterHeaders.First(headers, "x-oneapi-request-id"));
        Assert.Null(EzrouterHeaders.First(headers, "missing"));
    }
}
