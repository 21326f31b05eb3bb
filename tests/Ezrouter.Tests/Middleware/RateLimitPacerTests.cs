using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// Issue 16, item 3: the pacer's rules, on a manual clock. The first request goes alone; the concurrency limit follows
/// <c>x-concurrent-limit</c>; the window's count follows <c>x-ratelimit-remaining-requests</c> until the reset; a 429's
/// wait holds everyone; hostile values never hang a call past <see cref="RateLimitPacingOptions.MaxResetDelay"/>.
/// This part: slots in flight and cancellation; the window's count is in RateLimitPacerTests.Windows.cs.
/// </summary>
public partial class RateLimitPacerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private static RateLimitPacer Pacer(ManualTimeProvider time, int max = 64) =>
        new(new RateLimitPacingOptions { MaxConcurrentRequests = max, MaxResetDelay = TimeSpan.FromMinutes(2) }, time);

    private static EzrouterRateLimit Limits(int? limit = 5, int? remaining = 4, DateTimeOffset? reset = null, int? concurrent = 8) => new()
    {
        Tier = "free", LimitRequests = limit, RemainingRequests = remaining, ResetRequests = reset, ConcurrentLimit = concurrent,
    };

    [Fact]
    public async Task TheFirstRequestGoesAloneAndItsAnswerSetsTheConcurrency()
    {
        // Arrange
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);

        // Act
        var second = pacer.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        Assert.Equal(1, pacer.Waiting);
        pacer.Observe(first, Limits(limit: 100, remaining: 99, reset: time.GetUtcNow().AddMinutes(1), concurrent: 3), time.GetUtcNow(), null);
        using var secondPermit = await second.WaitAsync(Long);
        using var third = await pacer.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Long);
        var fourth = pacer.AcquireAsync(CancellationToken.None).AsTask();

        // Assert
        Assert.Equal((3, 3), (pacer.ConcurrencyLimit, pacer.InFlight));
        Assert.False(fourth.IsCompleted);
        first.Dispose();
        (await fourth.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task AnAnswerWithoutHeadersOpensTheGateToTheCeilingAndALaterOneWithoutThemChangesNothing()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time, max: 4);
        var first = await pacer.AcquireAsync(CancellationToken.None);

        pacer.Observe(first, null, null, null);
        var more = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => pacer.AcquireAsync(CancellationToken.None).AsTask())).WaitAsync(Long);
        pacer.Observe(more[0], Limits(remaining: null, reset: null, concurrent: 2), null, null);
        pacer.Observe(more[1], null, null, null);

        Assert.Equal(2, pacer.ConcurrencyLimit);
        Assert.Null(pacer.RemainingRequests);
        foreach (var permit in more) permit.Dispose();
        first.Dispose();
    }

    [Fact]
    public async Task AShrinkingLimitLetsNoOneInUntilFewerAreInFlight()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(remaining: null, concurrent: 3), null, null);
        var two = await pacer.AcquireAsync(CancellationToken.None);
        var three = await pacer.AcquireAsync(CancellationToken.None);

        pacer.Observe(two, Limits(remaining: null, concurrent: 1), null, null);
        var waiting = pacer.AcquireAsync(CancellationToken.None).AsTask();
        first.Dispose();
        two.Dispose();
        Assert.False(waiting.IsCompleted);
        three.Dispose();

        (await waiting.WaitAsync(Long)).Dispose();
        Assert.Equal(1, pacer.ConcurrencyLimit);
    }

    [Theory]
    [InlineData(int.MaxValue, 64)]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    public async Task TheConcurrencyHeaderIsClampedToOneAndTheCeiling(int header, int limit)
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);

        pacer.Observe(first, Limits(remaining: null, concurrent: header), null, null);

        Assert.Equal(limit, pacer.ConcurrencyLimit);
    }

    [Fact]
    public async Task ACancelledWaitEndsAtOnceAndGivesUpItsPlace()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(remaining: 0, reset: time.GetUtcNow().AddSeconds(60), concurrent: 2), time.GetUtcNow(), null);
        using var forWindow = new CancellationTokenSource();
        using var forSlot = new CancellationTokenSource();

        var windowWait = pacer.AcquireAsync(forWindow.Token).AsTask();
        var slotWait = pacer.AcquireAsync(forSlot.Token).AsTask();
        await time.WaitForTimerAsync();
        Assert.Equal(2, pacer.Waiting);
        forWindow.Cancel();
        forSlot.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => windowWait.WaitAsync(Long));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slotWait.WaitAsync(Long));
        Assert.Equal((0, 1), (pacer.Waiting, pacer.InFlight));
        first.Dispose();
        Assert.Equal(0, pacer.InFlight);
    }
}
