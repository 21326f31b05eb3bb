namespace Ezrouter.Tests.Profiles;

/// <summary>
/// The rate-limit snapshot header by header: any one of the six alone makes a snapshot, values are trimmed, an instant
/// without an offset is UTC, and a caller's ordinal (case-sensitive) headers dictionary is still read.
/// </summary>
public sealed class RateLimitHeaderTests
{
    public static TheoryData<string, string, EzrouterRateLimit> OneHeader => new()
    {
        { EzrouterRateLimit.TierHeader, "  topup ", new EzrouterRateLimit { Tier = "topup" } },
        { EzrouterRateLimit.LimitRequestsHeader, " 30 ", new EzrouterRateLimit { LimitRequests = 30 } },
        { EzrouterRateLimit.RemainingRequestsHeader, "0", new EzrouterRateLimit { RemainingRequests = 0 } },
        { EzrouterRateLimit.ResetRequestsHeader, "2026-03-03T09:00:00", new EzrouterRateLimit { ResetRequests = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero) } },
        { EzrouterRateLimit.ConcurrentLimitHeader, "5", new EzrouterRateLimit { ConcurrentLimit = 5 } },
        { EzrouterRateLimit.ConcurrentRemainingHeader, "3", new EzrouterRateLimit { ConcurrentRemaining = 3 } },
    };

    [Theory]
    [MemberData(nameof(OneHeader))]
    public void AnyOneHeaderAloneMakesASnapshot(string name, string value, EzrouterRateLimit expected)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation(name, value);
        var ordinal = new Dictionary<string, IEnumerable<string>>(StringComparer.Ordinal) { [name.ToUpperInvariant()] = [value] };

        Assert.Equal(expected, EzrouterRateLimit.From(response));
        Assert.Equal(expected, EzrouterRateLimit.From(ordinal));
    }

    [Fact]
    public void AResetWithAnOffsetIsConvertedToUtc()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { [EzrouterRateLimit.ResetRequestsHeader] = ["2026-03-03T11:00:00+02:00"] };

        var reset = EzrouterRateLimit.From(headers)!.ResetRequests!.Value;

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), reset);
        Assert.Equal(TimeSpan.Zero, reset.Offset);
    }

    [Fact]
    public void NoRateLimitHeaderMeansNoSnapshot()
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.Ordinal) { ["X-Other"] = ["1"] };

        Assert.Null(EzrouterRateLimit.From(headers));
    }

    [Fact]
    public void AHeaderListedWithoutAValueIsNotASnapshotAndDoesNotThrow()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { [EzrouterRateLimit.LimitRequestsHeader] = [] };

        Assert.Null(EzrouterRateLimit.From(headers));
    }

    [Fact]
    public void TheFirstValueOfARepeatedHeaderIsTheOneRead()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { [EzrouterRateLimit.LimitRequestsHeader] = ["30", "40"] };

        Assert.Equal(30, EzrouterRateLimit.From(headers)!.LimitRequests);
    }
}
