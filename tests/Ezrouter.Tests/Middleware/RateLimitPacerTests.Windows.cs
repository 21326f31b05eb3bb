using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>The window's count: remaining requests, the reset instant and the answer's Date, Retry-After, hostile values.</summary>
public partial class RateLimitPacerTests
{
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
}
