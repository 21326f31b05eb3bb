using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="RateLimitPacer"/> when the gateway names no request limit and a window ends with requests still out: the
/// new window waits for their answers, and its one probe goes as soon as the last of them ends without telling the
/// count (dropped, or answered without the headers), not a whole window later.
/// </summary>
public sealed class RateLimitPacerProbeTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    // Three left until +10 s, no limit named: after the window, nothing is known but what answers will say.
    private static async Task<(RateLimitPacer Pacer, ManualTimeProvider Time)> AWindowWithoutALimitAsync()
    {
        var time = new ManualTimeProvider();
        var pacer = new RateLimitPacer(new RateLimitPacingOptions { MaxConcurrentRequests = 8 }, time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, new EzrouterRateLimit { RemainingRequests = 3, ResetRequests = time.GetUtcNow().AddSeconds(10) }, time.GetUtcNow(), null);
        first.Dispose();
        return (pacer, time);
    }

    // That window ends with one request out, and the next request, asked for then, waits for its answer.
    private static async Task<(RateLimitPacer Pacer, ManualTimeProvider Time, RateLimitPacer.Permit Outstanding, Task<RateLimitPacer.Permit> Next)> ARequestWaitingForOneOutAtTheResetAsync()
    {
        var (pacer, time) = await AWindowWithoutALimitAsync();
        var outstanding = await pacer.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var next = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        return (pacer, time, outstanding, next);
    }

    [Fact]
    public async Task ARequestDroppedAcrossTheResetLetsTheProbeGoAtOnce()
    {
        // Arrange: one request is out when the window ends, so the next one waits for its answer.
        var (pacer, time, outstanding, next) = await ARequestWaitingForOneOutAtTheResetAsync();
        Assert.False(next.IsCompleted);
        Assert.Equal(0, pacer.RemainingRequests);

        // Act: that request fails without an answer.
        outstanding.Dispose();

        // Assert: the probe goes now, with no time passing.
        using var probe = await next.WaitAsync(Long);
        Assert.Equal(0, pacer.RemainingRequests);
    }

    [Fact]
    public async Task AnAnswerWithoutRateLimitHeadersAcrossTheResetLetsTheProbeGo()
    {
        var (pacer, time, outstanding, next) = await ARequestWaitingForOneOutAtTheResetAsync();

        pacer.Observe(outstanding, null, null, null);
        outstanding.Dispose();

        using var probe = await next.WaitAsync(Long);
        Assert.True(probe.Sequence > outstanding.Sequence);
    }

    [Fact]
    public async Task TheProbeWaitsForEveryRequestStillOut()
    {
        // Arrange: two out at the reset.
        var (pacer, time) = await AWindowWithoutALimitAsync();
        var one = await pacer.AcquireAsync(CancellationToken.None);
        var two = await pacer.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var next = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();

        // Act / Assert: one ended is not enough, both are.
        one.Dispose();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        two.Dispose();
        using var probe = await next.WaitAsync(Long);
    }

    [Fact]
    public async Task ACountFromTheNewWindowIsTakenAndNoExtraProbeIsAdded()
    {
        // Arrange: the next request waits for the one out at the reset.
        var (pacer, time, outstanding, next) = await ARequestWaitingForOneOutAtTheResetAsync();

        // Act: its answer is of the new window, used up until +30 s.
        pacer.Observe(outstanding, new EzrouterRateLimit { RemainingRequests = 0, ResetRequests = time.GetUtcNow().AddSeconds(30) }, time.GetUtcNow(), null);
        outstanding.Dispose();

        // Assert: the gateway's count stands; nothing goes before its reset.
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        Assert.Equal(0, pacer.RemainingRequests);
        time.Advance(TimeSpan.FromSeconds(30));
        using var afterReset = await next.WaitAsync(Long);
    }

    [Fact]
    public async Task AProbeThatIsDroppedOpensNoSecondProbeInTheSameWindow()
    {
        // Arrange: the request out at the reset is dropped, so the window's one probe goes.
        var (pacer, time, outstanding, next) = await ARequestWaitingForOneOutAtTheResetAsync();
        outstanding.Dispose();
        var probe = await next.WaitAsync(Long);
        var after = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();

        // Act: the probe is dropped too.
        probe.Dispose();

        // Assert: the window had its probe; the next request waits for the window after.
        await WaitsForTheNextWindowAsync(after, time);
    }

    [Fact]
    public async Task AWindowThatRollsWithNothingOutHasOneProbeEvenIfItIsDropped()
    {
        // Arrange: nothing is out at the reset, so one request may probe the new window at once.
        var (pacer, time) = await AWindowWithoutALimitAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        var probe = await pacer.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Long);
        var after = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();

        // Act: the probe is dropped.
        probe.Dispose();

        // Assert: no probe was owed; the next request waits for the window after.
        await WaitsForTheNextWindowAsync(after, time);
    }

    [Fact]
    public async Task AKnownLimitTakenByRequestsOutAtTheResetIsNotReopenedWhenTheyAreDropped()
    {
        // Arrange: a limit of 2 is known, and both are out when the window ends: they count against the new one.
        var time = new ManualTimeProvider();
        var pacer = new RateLimitPacer(new RateLimitPacingOptions { MaxConcurrentRequests = 8 }, time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, new EzrouterRateLimit { LimitRequests = 2, RemainingRequests = 2, ResetRequests = time.GetUtcNow().AddSeconds(10) }, time.GetUtcNow(), null);
        first.Dispose();
        var one = await pacer.AcquireAsync(CancellationToken.None);
        var two = await pacer.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var next = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();

        // Act: both are dropped without an answer.
        one.Dispose();
        two.Dispose();

        // Assert: whether they reached the gateway is unknown, so the window stays used up until its end.
        Assert.Equal(0, pacer.RemainingRequests);
        await WaitsForTheNextWindowAsync(next, time);
    }

    // Still waiting a moment later, and let go once the window (a minute when none was named) is over.
    private static async Task WaitsForTheNextWindowAsync(Task<RateLimitPacer.Permit> pending, ManualTimeProvider time)
    {
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        using var permit = await pending.WaitAsync(Long);
    }
}
