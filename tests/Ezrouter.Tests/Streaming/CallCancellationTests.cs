using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// <see cref="CallCancellation"/>: one source for the caller's tokens and a call's limits, telling which one cut the
/// call: a caller that cancelled is a cancellation, and the first limit to fire is the one reported.
/// </summary>
public sealed class CallCancellationTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void TotalLimitFiresAsTotal()
    {
        using var call = new CallCancellation(default, default, TimeSpan.FromMinutes(1), _time);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Equal(TimeoutKind.Total, call.Fired);
    }

    [Fact]
    public void IdleFiringFirstStaysIdleWhenTheTotalFiresLater()
    {
        using var call = new CallCancellation(default, default, TimeSpan.FromMinutes(1), _time);
        call.FireIdle();
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeoutKind.Idle, call.Fired);
    }

    [Fact]
    public void TotalFiringFirstStaysTotalWhenTheIdleTimerFiresLater()
    {
        using var call = new CallCancellation(default, default, TimeSpan.FromMinutes(1), _time);
        _time.Advance(TimeSpan.FromMinutes(1));
        call.FireIdle();
        Assert.Equal(TimeoutKind.Total, call.Fired);
    }

    [Fact]
    public void ACallerThatCancelledIsACancellationEvenAfterALimitFired()
    {
        using var caller = new CancellationTokenSource();
        using var call = new CallCancellation(caller.Token, default, TimeSpan.FromMinutes(1), _time);
        call.FireIdle();
        caller.Cancel();
        Assert.Null(call.Fired);
    }

    [Fact]
    public void EitherCallerTokenCancels()
    {
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        using var call = new CallCancellation(first.Token, second.Token, total: null, _time);
        second.Cancel();
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Null(call.Fired);
    }

    [Fact]
    public void InsideATotalTimeoutHandlerItsDeadlineFiresAsTotal()
    {
        using var deadline = new Deadline(TimeSpan.FromSeconds(10), _time, CancellationToken.None);
        using var call = new CallCancellation(deadline.Token, deadline, _time);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Equal(TimeoutKind.Total, call.Fired);
        Assert.Equal(TimeSpan.FromSeconds(10), call.TotalLimit);
    }

    [Fact]
    public void InsideATotalTimeoutHandlerAnIdleLimitThatFiredFirstStaysIdle()
    {
        using var deadline = new Deadline(TimeSpan.FromSeconds(10), _time, CancellationToken.None);
        using var call = new CallCancellation(deadline.Token, deadline, _time);
        _time.Advance(TimeSpan.FromSeconds(5));
        call.FireIdle();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeoutKind.Idle, call.Fired);
    }

    [Fact]
    public void InsideATotalTimeoutHandlerItsCallerCancellingIsACancellation()
    {
        using var caller = new CancellationTokenSource();
        using var deadline = new Deadline(TimeSpan.FromSeconds(10), _time, caller.Token);
        using var call = new CallCancellation(deadline.Token, deadline, _time);
        caller.Cancel();
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Null(call.Fired);
    }
}
