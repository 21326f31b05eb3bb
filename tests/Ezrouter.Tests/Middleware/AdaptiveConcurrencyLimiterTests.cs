using Ezrouter.Tests.TestSupport;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// The adaptive rule over the platform's <see cref="System.Threading.RateLimiting.ConcurrencyLimiter"/>: a shrunk
/// limit holds waiters back until enough requests finish, a grown one lets the oldest waiter in, and the options'
/// setters check their bounds.
/// </summary>
public sealed class AdaptiveConcurrencyLimiterTests
{
    private static AdaptiveConcurrencyLimiter Limiter(ManualTimeProvider time, int max) =>
        new(new EzrouterConcurrencyOptions { MaxConcurrentRequests = max, TargetTimeToFirstByte = TimeSpan.FromSeconds(2), DecreaseFactor = 0.5 }, time);

    [Fact]
    public async Task AShrunkLimitLetsNoWaiterInUntilFewerThanItAreInFlight()
    {
        // Arrange: 4 in flight at a limit of 4, one waiting; a slow answer halves the limit.
        var limiter = Limiter(new ManualTimeProvider(), max: 4);
        var held = new List<IDisposable>();
        for (var i = 0; i < 4; i++) held.Add(await limiter.AcquireAsync(CancellationToken.None));
        var waiter = limiter.AcquireAsync(CancellationToken.None).AsTask();
        limiter.Report(TimeSpan.FromSeconds(5));

        // Act: three finish; only the third brings the count below the new limit of 2.
        held[0].Dispose();
        held[1].Dispose();
        var waitingAfterTwo = !waiter.IsCompleted;
        held[2].Dispose();
        using var granted = await waiter.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(2, limiter.Limit);
        Assert.True(waitingAfterTwo);
        Assert.Equal(2, limiter.InFlight);
        held[3].Dispose();
    }

    [Fact]
    public async Task AGrownLimitLetsTheOldestWaiterIn()
    {
        // Arrange: the limit is down to 1 (with nothing in flight, so the permits are held back at once).
        var limiter = Limiter(new ManualTimeProvider(), max: 2);
        limiter.Report(TimeSpan.FromSeconds(5));
        using var first = await limiter.AcquireAsync(CancellationToken.None);
        var oldest = limiter.AcquireAsync(CancellationToken.None).AsTask();
        var newest = limiter.AcquireAsync(CancellationToken.None).AsTask();
        var bothWaited = !oldest.IsCompleted && !newest.IsCompleted;

        // Act: one fast answer is a full window at a limit of 1.
        limiter.Report(TimeSpan.FromMilliseconds(100));
        using var granted = await oldest.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.True(bothWaited);
        Assert.Equal(2, limiter.Limit);
        Assert.False(newest.IsCompleted);
        Assert.Equal(1, limiter.Waiting);
        first.Dispose();
        (await newest.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task DisposingALeaseTwiceReturnsOneSlot()
    {
        var limiter = Limiter(new ManualTimeProvider(), max: 1);
        var lease = await limiter.AcquireAsync(CancellationToken.None);

        lease.Dispose();
        lease.Dispose();
        using var again = await limiter.AcquireAsync(CancellationToken.None);
        var third = limiter.AcquireAsync(CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        Assert.Equal(1, limiter.InFlight);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void CountsBelowOneThrow(int value)
    {
        var options = new EzrouterConcurrencyOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxConcurrentRequests = value);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MinConcurrentRequests = value);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void DecreaseFactorOutsideZeroToOneThrows(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EzrouterConcurrencyOptions { DecreaseFactor = value });

    [Fact]
    public void TargetMustBePositive()
    {
        var options = new EzrouterConcurrencyOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.TargetTimeToFirstByte = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.TargetTimeToFirstByte = Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void MinimumAboveMaximumIsRejectedWhenTheLimiterIsBuilt() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveConcurrencyLimiter(new EzrouterConcurrencyOptions { MaxConcurrentRequests = 2, MinConcurrentRequests = 3 }));
}
