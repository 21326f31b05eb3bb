using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// Issue 16, item 3: the pacer's rules, on a manual clock. The first request goes alone; the concurrency limit follows
/// <c>x-concurrent-limit</c>; the window's count follows <c>x-ratelimit-remaining-requests</c> until the reset; a 429's
/// wait holds everyone; hostile values never hang a call past <see cref="RateLimitPacingOptions.MaxResetDelay"/>.
/// </summary>
public class RateLimitPacerTests
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

    [Fact]
    public async Task AnExhaustedWindowWaitsUntilTheResetAndThenHasTheWholeLimit()
    {
        // Arrange: 4 left of 5, the window ending in 60 s, on the gateway's clock as on ours.
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(reset: time.GetUtcNow().AddSeconds(60)), time.GetUtcNow(), null);
        first.Dispose();
        for (var i = 0; i < 4; i++) pacer.Observe(await pacer.AcquireAsync(CancellationToken.None), null, null, null);
        Assert.Equal(0, pacer.RemainingRequests);

        // Act
        var sixth = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(20);
        Assert.False(sixth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        // Assert
        (await sixth.WaitAsync(Long)).Dispose();
        Assert.Equal(4, pacer.RemainingRequests);
    }

    [Fact]
    public async Task TheGatewaysCountLeavesOutWhatWasSentSinceAndOnlyLowersTheCountInOneWindow()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var reset = time.GetUtcNow().AddSeconds(60);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(limit: 10, remaining: 9, reset: reset), time.GetUtcNow(), null);
        var sent = new List<RateLimitPacer.Permit>();
        for (var i = 0; i < 3; i++) sent.Add(await pacer.AcquireAsync(CancellationToken.None));
        Assert.Equal(6, pacer.RemainingRequests);

        // The gateway counted the first two when it answered the second: 8 left then, less the two sent after it.
        pacer.Observe(sent[0], Limits(limit: 10, remaining: 8, reset: reset), time.GetUtcNow(), null);
        Assert.Equal(6, pacer.RemainingRequests);
        // Another client of the account used some: the lower count wins.
        pacer.Observe(sent[2], Limits(limit: 10, remaining: 3, reset: reset), time.GetUtcNow(), null);
        Assert.Equal(3, pacer.RemainingRequests);
        // A higher count in the same window (answers out of order) does not raise it.
        pacer.Observe(sent[1], Limits(limit: 10, remaining: 7, reset: reset), time.GetUtcNow(), null);
        Assert.Equal(3, pacer.RemainingRequests);
    }

    [Fact]
    public async Task RequestsStillUnansweredAtTheResetAreKeptOutOfTheNewWindowAndALateOldAnswerIsIgnored()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var reset = time.GetUtcNow().AddSeconds(10);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(remaining: 4, reset: reset), time.GetUtcNow(), null);
        var open = new List<RateLimitPacer.Permit>();
        for (var i = 0; i < 4; i++) open.Add(await pacer.AcquireAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(10));
        using var next = await pacer.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Long);
        Assert.Equal(0, pacer.RemainingRequests); // 5, less the 4 unanswered, less this one
        pacer.Observe(open[0], Limits(remaining: 0, reset: reset), time.GetUtcNow().AddSeconds(-5), null);
        pacer.Observe(next, Limits(remaining: 2, reset: reset.AddSeconds(10)), time.GetUtcNow(), null);

        Assert.Equal(2, pacer.RemainingRequests);
        Assert.Equal(time.GetUtcNow().AddSeconds(10), pacer.ResetAt);
    }

    [Fact]
    public async Task AResetDaysAheadIsCappedAtMaxResetDelay()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(remaining: 0, reset: time.GetUtcNow().AddDays(3)), time.GetUtcNow(), null);
        first.Dispose();

        var waiting = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromMinutes(2));

        (await waiting.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task AResetInThePastChangesNothing()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);

        pacer.Observe(first, Limits(remaining: 0, reset: time.GetUtcNow().AddMinutes(-1)), time.GetUtcNow(), null);
        first.Dispose();

        (await pacer.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Long)).Dispose();
        Assert.Null(pacer.RemainingRequests);
    }

    [Fact]
    public async Task TheResetIsReadAgainstTheAnswersDateNotThisMachinesClock()
    {
        // The gateway's clock is an hour behind ours: its reset, 30 s after its Date, is 30 s away, not in the past.
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var gatewayNow = time.GetUtcNow().AddHours(-1);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(remaining: 0, reset: gatewayNow.AddSeconds(30)), gatewayNow, null);
        first.Dispose();

        var waiting = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        (await waiting.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task A429sRetryAfterHoldsEveryRequestCappedAtMaxResetDelay()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, null, null, TimeSpan.FromSeconds(7));
        first.Dispose();

        var held = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(7));
        var second = await held.WaitAsync(Long);
        pacer.Observe(second, null, null, TimeSpan.FromDays(30));
        second.Dispose();
        var heldLong = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromMinutes(2));

        (await heldLong.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task A429sRetryAfterEndsTheWindowItFoundUsedUpWhateverItsResetSaid()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(remaining: 0, reset: time.GetUtcNow().AddSeconds(50)), time.GetUtcNow(), TimeSpan.FromSeconds(2));
        first.Dispose();

        var next = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(2));

        (await next.WaitAsync(Long)).Dispose();
        Assert.Equal(4, pacer.RemainingRequests);
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
    public async Task ALimitOfZeroStillLetsOneRequestProbeEachWindow()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(limit: 0, remaining: 0, reset: time.GetUtcNow().AddSeconds(5)), time.GetUtcNow(), null);
        first.Dispose();

        var probe = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(5));

        (await probe.WaitAsync(Long)).Dispose();
        Assert.Equal(0, pacer.RemainingRequests);
    }

    [Fact]
    public async Task NewsFromAnotherAnswerWakesAWaiterWithoutTheClockMoving()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var reset = time.GetUtcNow().AddSeconds(60);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(remaining: 1, reset: reset), time.GetUtcNow(), null);
        var second = await pacer.AcquireAsync(CancellationToken.None);
        var waiting = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();

        // The gateway rolled its window early (a sliding window): the answer names a later reset with room left.
        pacer.Observe(second, Limits(remaining: 3, reset: reset.AddSeconds(1)), time.GetUtcNow(), null);

        (await waiting.WaitAsync(Long)).Dispose();
        Assert.Equal(2, pacer.RemainingRequests);
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
