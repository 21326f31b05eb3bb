using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="RateLimitPacer"/> at its edges: requests that never got an answer, a limit the gateway did not name, a
/// count without a reset, a reset at the answer's own instant, a late answer from a window already rolled, a gateway
/// count above its own limit, a cancelled call, and the timers a wait leaves behind.
/// </summary>
public sealed class RateLimitPacerEdgeTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private static RateLimitPacer Pacer(TimeProvider time) =>
        new(new RateLimitPacingOptions { MaxConcurrentRequests = 64, MaxResetDelay = TimeSpan.FromMinutes(2) }, time);

    private static EzrouterRateLimit Limits(int? limit, int? remaining, DateTimeOffset? reset) => new()
    {
        LimitRequests = limit, RemainingRequests = remaining, ResetRequests = reset, ConcurrentLimit = 8,
    };

    [Fact]
    public void NullOptionsAreRefusedByName()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new RateLimitPacer(null!));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public async Task AnAlreadyCancelledCallIsRefusedAndHoldsNoSlot()
    {
        var pacer = Pacer(new ManualTimeProvider());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.AcquireAsync(new CancellationToken(true)).AsTask());

        Assert.Equal(0, pacer.InFlight);
        (await pacer.AcquireAsync(CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task ARequestDroppedWithoutAnAnswerIsNotKeptOutOfTheNextWindow()
    {
        // Arrange: 4 left of 5 until +10 s; one request is sent and its call fails before any answer.
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(5, 4, time.GetUtcNow().AddSeconds(10)), time.GetUtcNow(), null);
        first.Dispose();
        var dropped = await pacer.AcquireAsync(CancellationToken.None);
        dropped.Dispose();

        // Act
        time.Advance(TimeSpan.FromSeconds(10));
        using var next = await pacer.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Long);

        // Assert: the whole limit, less this one; nothing is still unanswered.
        Assert.Equal(4, pacer.RemainingRequests);
    }

    [Fact]
    public async Task TheGatewaysCountLeavesOutTheRequestsSentAfterTheAnsweredOne()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, null, null, null);
        var sent = new List<RateLimitPacer.Permit>();
        for (var i = 0; i < 3; i++) sent.Add(await pacer.AcquireAsync(CancellationToken.None));

        pacer.Observe(sent[0], Limits(20, 10, time.GetUtcNow().AddSeconds(60)), time.GetUtcNow(), null);

        Assert.Equal(8, pacer.RemainingRequests);
        foreach (var permit in sent) permit.Dispose();
    }

    [Fact]
    public async Task ARemainingCountAboveTheLimitIsReadAsTheLimit()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);

        pacer.Observe(first, Limits(5, 9, time.GetUtcNow().AddSeconds(60)), time.GetUtcNow(), null);

        Assert.Equal(5, pacer.RemainingRequests);
    }

    [Fact]
    public async Task AResetAtTheAnswersOwnDateChangesNothing()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);

        pacer.Observe(first, Limits(5, 0, time.GetUtcNow()), time.GetUtcNow(), null);

        Assert.Null(pacer.RemainingRequests);
        Assert.Null(pacer.ResetAt);
    }

    [Fact]
    public async Task ALateAnswerFromTheWindowJustRolledChangesNothing()
    {
        // Arrange: 4 left of 5 until +10 s; one request is still out when the window rolls.
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var reset = time.GetUtcNow().AddSeconds(10);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(5, 4, reset), time.GetUtcNow(), null);
        first.Dispose();
        var open = await pacer.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        using var next = await pacer.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(Long);
        Assert.Equal(3, pacer.RemainingRequests); // 5, less the one still out, less this one
        Assert.Equal(time.GetUtcNow().AddMinutes(1), pacer.ResetAt); // an unnamed window is a minute

        // Act: the old request's answer, dated before the reset, names the old window.
        pacer.Observe(open, Limits(5, 0, reset), reset.AddSeconds(-1), null);

        // Assert
        Assert.Equal(3, pacer.RemainingRequests);
        Assert.Equal(time.GetUtcNow().AddMinutes(1), pacer.ResetAt);
    }

    [Fact]
    public async Task WithoutAKnownLimitOneRequestProbesTheNewWindow()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(null, 0, time.GetUtcNow().AddSeconds(10)), time.GetUtcNow(), null);
        first.Dispose();

        var probe = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(10));

        using var sent = await probe.WaitAsync(Long);
        Assert.Equal(0, pacer.RemainingRequests);
        Assert.Equal(time.GetUtcNow().AddMinutes(1), pacer.ResetAt);
    }

    [Fact]
    public async Task WithoutAKnownLimitNoProbeGoesWhileARequestOfTheOldWindowIsOut()
    {
        // Arrange: 1 left, no limit named; that one is sent and still out at the reset.
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(null, 1, time.GetUtcNow().AddSeconds(10)), time.GetUtcNow(), null);
        first.Dispose();
        var open = await pacer.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));

        // Act
        var next = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();

        // Assert: it waits for the new window's end; once nothing is out, the next window lets one probe.
        Assert.False(next.IsCompleted);
        Assert.Equal(0, pacer.RemainingRequests);
        open.Dispose();
        time.Advance(TimeSpan.FromMinutes(1));
        (await next.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task ACountWithoutAResetOnlyLowersTheCountAndKeepsTheFirstWindowEnd()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var start = time.GetUtcNow();
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(10, 3, null), start, null);
        first.Dispose();
        Assert.Equal((3, start.AddMinutes(1)), (pacer.RemainingRequests, pacer.ResetAt));

        time.Advance(TimeSpan.FromSeconds(10));
        var second = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(second, Limits(10, 6, null), time.GetUtcNow(), null);
        second.Dispose();

        Assert.Equal((2, start.AddMinutes(1)), (pacer.RemainingRequests, pacer.ResetAt));
    }

    [Fact]
    public async Task AWaitForTheWindowArmsOneTimerForTheWholeWaitNotAPoll()
    {
        var manual = new ManualTimeProvider();
        var time = new CountingTimeProvider(manual);
        var pacer = Pacer(time);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(5, 0, manual.GetUtcNow().AddSeconds(60)), manual.GetUtcNow(), null);
        first.Dispose();

        var waiting = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await manual.WaitForTimerAsync();
        manual.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(50);

        Assert.Equal(1, time.TimersCreated);
        Assert.False(waiting.IsCompleted);
        manual.Advance(TimeSpan.FromSeconds(30));
        (await waiting.WaitAsync(Long)).Dispose();
    }

    [Fact]
    public async Task AWaiterWokenByNewsLeavesNoTimerArmed()
    {
        var time = new ManualTimeProvider();
        var pacer = Pacer(time);
        var reset = time.GetUtcNow().AddSeconds(60);
        var first = await pacer.AcquireAsync(CancellationToken.None);
        pacer.Observe(first, Limits(5, 1, reset), time.GetUtcNow(), null);
        var second = await pacer.AcquireAsync(CancellationToken.None);
        var waiting = pacer.AcquireAsync(CancellationToken.None).AsTask();
        await time.WaitForTimerAsync();

        pacer.Observe(second, Limits(5, 3, reset.AddSeconds(1)), time.GetUtcNow(), null);
        (await waiting.WaitAsync(Long)).Dispose();

        Assert.Equal(0, time.PendingTimers);
    }

    /// <summary>A manual clock that counts the timers asked of it.</summary>
    private sealed class CountingTimeProvider(ManualTimeProvider inner) : TimeProvider
    {
        private int _created;

        public int TimersCreated => Volatile.Read(ref _created);
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
        public override long GetTimestamp() => inner.GetTimestamp();
        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _created);
            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }
}
