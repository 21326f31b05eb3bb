using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="AdaptiveConcurrencyLimiter"/> on its boundaries: an answer exactly at the target is not slow, and a
/// second slow answer exactly one target interval after a decrease decreases again.
/// </summary>
public sealed class AdaptiveConcurrencyLimiterEdgeTests
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    private static AdaptiveConcurrencyLimiter Limiter(ManualTimeProvider time) =>
        new(new EzrouterConcurrencyOptions { MaxConcurrentRequests = 8, TargetTimeToFirstByte = Target, DecreaseFactor = 0.5 }, time);

    [Fact]
    public void AnAnswerExactlyAtTheTargetIsNotSlow()
    {
        var limiter = Limiter(new ManualTimeProvider());

        limiter.Report(Target);

        Assert.Equal(8, limiter.Limit);
    }

    [Fact]
    public void ASlowAnswerOneTargetIntervalAfterADecreaseDecreasesAgain()
    {
        var time = new ManualTimeProvider();
        var limiter = Limiter(time);
        limiter.Report(Target * 3);
        Assert.Equal(4, limiter.Limit);

        time.Advance(Target);
        limiter.Report(Target * 3);

        Assert.Equal(2, limiter.Limit);
    }
}
