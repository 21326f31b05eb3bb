using System.Net;

namespace Ezrouter.Tests.Limits;

/// <summary>
/// Every numeric option's range, at its edges: the last value accepted, the first refused, and what the refusal says
/// (the option's name, the value, the range), so a caller's configuration mistake fails where it is made.
/// </summary>
public sealed class OptionRangeTests
{
    [Fact]
    public void SizeLimitsAcceptOneKibToTheirCeilingAndNothingOutside()
    {
        var limits = new EzrouterLimits
        {
            MaxEventBytes = EzrouterLimits.MinSize,
            MaxAnswerChars = EzrouterLimits.MinSize,
            MaxDecompressedBytes = EzrouterLimits.MinSize,
        };
        Assert.Equal(1024, limits.MaxEventBytes);
        Assert.Equal(1024, limits.MaxAnswerChars);
        Assert.Equal(1024, limits.MaxDecompressedBytes);

        limits.MaxEventBytes = EzrouterLimits.MaxEventBytesLimit;
        limits.MaxAnswerChars = long.MaxValue;
        limits.MaxDecompressedBytes = long.MaxValue;
        limits.MaxAnswerChars = null;
        Assert.Equal(1L << 30, limits.MaxEventBytes);
        Assert.Null(limits.MaxAnswerChars);
        Assert.Equal(long.MaxValue, limits.MaxDecompressedBytes);

        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxEventBytes = EzrouterLimits.MaxEventBytesLimit + 1);
        Assert.Equal("MaxEventBytes", tooLarge.ParamName);
        Assert.Equal($"MaxEventBytes is at least 1024 and at most {1L << 30}; it was {(1L << 30) + 1}.", tooLarge.Message.Split(" (Parameter")[0]);
        Assert.Equal("MaxAnswerChars", Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxAnswerChars = 1023).ParamName);
        Assert.Equal("MaxDecompressedBytes", Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxDecompressedBytes = 1023).ParamName);
        Assert.Equal("MaxEventBytes", Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxEventBytes = 1023).ParamName);
        Assert.Equal(1L << 30, limits.MaxEventBytes);
    }

    [Fact]
    public void SizeLimitsDefaultToGenerousBoundsAndNoDecompression()
    {
        var limits = new EzrouterLimits();

        Assert.Equal(16L << 20, limits.MaxEventBytes);
        Assert.Equal(64L << 20, limits.MaxAnswerChars);
        Assert.Equal(256L << 20, limits.MaxDecompressedBytes);
        Assert.Equal(DecompressionMethods.None, limits.Decompression);
    }

    [Theory]
    [InlineData(DecompressionMethods.All, DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli)]
    [InlineData(DecompressionMethods.GZip, DecompressionMethods.GZip)]
    [InlineData(DecompressionMethods.Deflate | DecompressionMethods.Brotli, DecompressionMethods.Deflate | DecompressionMethods.Brotli)]
    [InlineData(DecompressionMethods.None, DecompressionMethods.None)]
    public void DecompressionKeepsTheEncodingsThisClientCanInflate(DecompressionMethods asked, DecompressionMethods kept) =>
        Assert.Equal(kept, new EzrouterLimits { Decompression = asked }.Decompression);

    [Fact]
    public void DecompressionRefusesAnEncodingItCannotInflate()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EzrouterLimits { Decompression = DecompressionMethods.GZip | (DecompressionMethods)8 });
        Assert.Equal("Decompression", error.ParamName);
        Assert.StartsWith("Decompression is None, All, or a combination of GZip, Deflate and Brotli.", error.Message);
    }

    [Fact]
    public void RetriesAreZeroToTen()
    {
        var retry = new EzrouterRetryOptions { MaxRetries = 0 };
        Assert.Equal(0, retry.MaxRetries);
        retry.MaxRetries = 10;
        Assert.Equal(10, retry.MaxRetries);

        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => retry.MaxRetries = 11);
        Assert.Equal("MaxRetries", tooMany.ParamName);
        Assert.StartsWith("Must be between 0 and 10.", tooMany.Message);
        Assert.Equal("MaxRetries", Assert.Throws<ArgumentOutOfRangeException>(() => retry.MaxRetries = -1).ParamName);
        Assert.Equal(10, retry.MaxRetries);
        Assert.Equal(2, new EzrouterRetryOptions().MaxRetries);
    }

    [Fact]
    public void RetryDelaysAreZeroToOneDayAndTheTotalAboveZero()
    {
        var day = TimeSpan.FromDays(1);
        var retry = new EzrouterRetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxTotalTime = TimeSpan.FromTicks(1) };
        Assert.Equal(TimeSpan.Zero, retry.BaseDelay);
        Assert.Equal(TimeSpan.Zero, retry.MaxDelay);
        Assert.Equal(TimeSpan.FromTicks(1), retry.MaxTotalTime);
        retry.BaseDelay = retry.MaxDelay = retry.MaxTotalTime = day;
        Assert.Equal(day, retry.BaseDelay);
        Assert.Equal(day, retry.MaxDelay);
        Assert.Equal(day, retry.MaxTotalTime);

        var over = day + TimeSpan.FromTicks(1);
        var baseDelay = Assert.Throws<ArgumentOutOfRangeException>(() => retry.BaseDelay = over);
        Assert.Equal("BaseDelay", baseDelay.ParamName);
        Assert.StartsWith("Must be between 0 and 1 day.", baseDelay.Message);
        Assert.Equal("MaxDelay", Assert.Throws<ArgumentOutOfRangeException>(() => retry.MaxDelay = TimeSpan.FromTicks(-1)).ParamName);
        var total = Assert.Throws<ArgumentOutOfRangeException>(() => retry.MaxTotalTime = TimeSpan.Zero);
        Assert.Equal("MaxTotalTime", total.ParamName);
        Assert.StartsWith("Must be above 0 and at most 1 day.", total.Message);
        Assert.Equal("MaxTotalTime", Assert.Throws<ArgumentOutOfRangeException>(() => retry.MaxTotalTime = over).ParamName);
        Assert.Equal(day, retry.MaxTotalTime);
    }

    [Fact]
    public void ConcurrencyBoundsAreAtLeastOneAndTheFactorStrictlyBetweenZeroAndOne()
    {
        var options = new EzrouterConcurrencyOptions { MaxConcurrentRequests = 1, MinConcurrentRequests = 1, DecreaseFactor = 0.001, TargetTimeToFirstByte = TimeSpan.FromTicks(1) };
        Assert.Equal(1, options.MaxConcurrentRequests);
        Assert.Equal(1, options.MinConcurrentRequests);
        Assert.Equal(0.001, options.DecreaseFactor);
        Assert.Equal(TimeSpan.FromTicks(1), options.TargetTimeToFirstByte);
        options.DecreaseFactor = 0.999;
        options.TargetTimeToFirstByte = TimeSpan.FromDays(1);
        Assert.Equal(0.999, options.DecreaseFactor);
        Assert.Equal(TimeSpan.FromDays(1), options.TargetTimeToFirstByte);

        AssertRefused("MaxConcurrentRequests", "Must be at least 1.", () => options.MaxConcurrentRequests = 0);
        AssertRefused("MinConcurrentRequests", "Must be at least 1.", () => options.MinConcurrentRequests = 0);
        AssertRefused("DecreaseFactor", "Must be between 0 and 1, both excluded.", () => options.DecreaseFactor = 0);
        Assert.Equal("DecreaseFactor", Assert.Throws<ArgumentOutOfRangeException>(() => options.DecreaseFactor = 1).ParamName);
        AssertRefused("TargetTimeToFirstByte", "Must be above 0 and at most 1 day.", () => options.TargetTimeToFirstByte = TimeSpan.Zero);
        Assert.Equal("TargetTimeToFirstByte", Assert.Throws<ArgumentOutOfRangeException>(() => options.TargetTimeToFirstByte = TimeSpan.FromDays(1) + TimeSpan.FromTicks(1)).ParamName);
        Assert.Equal(1, options.MaxConcurrentRequests);
        Assert.Equal(0.999, options.DecreaseFactor);
    }

    private static void AssertRefused(string option, string reason, Action set)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(set);
        Assert.Equal(option, error.ParamName);
        Assert.StartsWith(reason, error.Message);
    }

    [Fact]
    public void ConcurrencyDefaultsStartWideAndBackOffByThirty()
    {
        var options = new EzrouterConcurrencyOptions();

        Assert.Equal(16, options.MaxConcurrentRequests);
        Assert.Equal(1, options.MinConcurrentRequests);
        Assert.Equal(TimeSpan.FromSeconds(10), options.TargetTimeToFirstByte);
        Assert.Equal(0.7, options.DecreaseFactor);
    }

    [Fact]
    public void TimeoutsAreNoneOrAboveZeroToOneDay()
    {
        var tick = TimeSpan.FromTicks(1);
        var timeouts = new EzrouterTimeouts { Connect = tick, FirstByte = tick, Idle = tick, Total = tick };
        Assert.Equal(tick, timeouts.Connect);
        Assert.Equal(tick, timeouts.FirstByte);
        Assert.Equal(tick, timeouts.Idle);
        Assert.Equal(tick, timeouts.Total);
        timeouts.Connect = timeouts.FirstByte = timeouts.Idle = timeouts.Total = EzrouterTimeouts.MaxLimit;
        Assert.Equal(TimeSpan.FromDays(1), timeouts.Total);
        timeouts.Idle = null;
        Assert.Null(timeouts.Idle);

        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => timeouts.Connect = TimeSpan.Zero);
        Assert.Equal("Connect", zero.ParamName);
        Assert.StartsWith("A timeout is null (none), or more than zero and at most 1 day; Connect was 00:00:00.", zero.Message);
        Assert.Equal("FirstByte", Assert.Throws<ArgumentOutOfRangeException>(() => timeouts.FirstByte = EzrouterTimeouts.MaxLimit + tick).ParamName);
        Assert.Equal("Idle", Assert.Throws<ArgumentOutOfRangeException>(() => timeouts.Idle = -tick).ParamName);
        Assert.Equal("Total", Assert.Throws<ArgumentOutOfRangeException>(() => timeouts.Total = TimeSpan.Zero).ParamName);
        Assert.Equal(EzrouterTimeouts.MaxLimit, timeouts.Connect);
    }

    [Fact]
    public void TimeoutDefaultsBoundEveryPhase()
    {
        var timeouts = new EzrouterTimeouts();

        Assert.Equal(TimeSpan.FromSeconds(10), timeouts.Connect);
        Assert.Equal(TimeSpan.FromMinutes(5), timeouts.FirstByte);
        Assert.Equal(TimeSpan.FromMinutes(5), timeouts.Idle);
        Assert.Equal(TimeSpan.FromMinutes(30), timeouts.Total);
    }
}
