using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="ResizableConcurrencyLimiter"/>, the gate under the adaptive limit and the rate-limit pacer: its bounds,
/// and a limit lowered below what is in flight, then raised again, before and after the requests finish. Who waits is
/// read from <see cref="ResizableConcurrencyLimiter.Waiting"/>, which changes as a slot is handed over.
/// </summary>
public sealed class ResizableConcurrencyLimiterTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, 1, "ceiling")]
    [InlineData(4, 0, "initialLimit")]
    [InlineData(2, 3, "initialLimit")]
    public void OutOfRangeBoundsAreRefusedByName(int ceiling, int initialLimit, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ResizableConcurrencyLimiter(ceiling, initialLimit));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public async Task ALimitLoweredBelowWhatIsInFlightLetsNoOneInUntilFewerAreInFlight()
    {
        // Arrange: two in flight under a limit of 2, lowered to 1, with one waiting.
        var limiter = new ResizableConcurrencyLimiter(4, 2);
        var a = await limiter.AcquireAsync(CancellationToken.None);
        var b = await limiter.AcquireAsync(CancellationToken.None);
        limiter.Resize(1);
        var c = limiter.AcquireAsync(CancellationToken.None).AsTask();

        // Act / Assert
        a.Dispose();
        Assert.Equal(1, limiter.Waiting);
        b.Dispose();
        (await c.WaitAsync(Long)).Dispose();
        Assert.Equal((0, 0, 1), (limiter.Waiting, limiter.InFlight, limiter.Limit));
    }

    [Fact]
    public async Task ALimitRaisedBackBeforeAnyoneFinishedOnlyCancelsTheDebt()
    {
        var limiter = new ResizableConcurrencyLimiter(4, 2);
        var a = await limiter.AcquireAsync(CancellationToken.None);
        var b = await limiter.AcquireAsync(CancellationToken.None);
        limiter.Resize(1);

        Assert.Equal(2, limiter.Resize(2));
        var c = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.Equal(1, limiter.Waiting);
        a.Dispose();

        using var third = await c.WaitAsync(Long);
        var d = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.Equal(1, limiter.Waiting);
        b.Dispose();
        (await d.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task ALimitRaisedAfterARequestFinishedGivesItsHeldSlotToTheOldestWaiter()
    {
        var limiter = new ResizableConcurrencyLimiter(2, 2);
        var a = await limiter.AcquireAsync(CancellationToken.None);
        using var b = await limiter.AcquireAsync(CancellationToken.None);
        limiter.Resize(1);
        a.Dispose();
        var c = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.Equal(1, limiter.Waiting);

        limiter.Resize(2);

        (await c.WaitAsync(Long)).Dispose();
        Assert.Equal(0, limiter.Waiting);
    }
}
