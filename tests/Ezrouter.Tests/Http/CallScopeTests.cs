using Ezrouter.Tests.TestSupport;
using Ezrouter.Http;

namespace Ezrouter.Tests.Http;

/// <summary>
/// <see cref="CallScope"/>: one scope for the caller's tokens and a call's limits, telling which one cut the call: a
/// caller that cancelled is a cancellation, and the first limit to fire is the one reported.
/// </summary>
public sealed class CallScopeTests
{
    private readonly ManualTimeProvider _time = new();

    private CallScope Scope(TimeSpan? total, CancellationToken first = default, CancellationToken second = default) =>
        new(new EzrouterTimeouts { Total = total, Idle = TimeSpan.FromSeconds(30) }, _time, new EzrouterResponseInfo(), "sk-secret", first, second);

    [Fact]
    public void TotalLimitFiresAsTotal()
    {
        using var call = Scope(TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Equal(TimeoutKind.Total, call.Fired);
    }

    [Fact]
    public void IdleFiringFirstStaysIdleWhenTheTotalFiresLater()
    {
        using var call = Scope(TimeSpan.FromMinutes(1));
        call.FireIdle();
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeoutKind.Idle, call.Fired);
    }

    [Fact]
    public void TotalFiringFirstStaysTotalWhenTheIdleTimerFiresLater()
    {
        using var call = Scope(TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));
        call.FireIdle();
        Assert.Equal(TimeoutKind.Total, call.Fired);
    }

    [Fact]
    public void ACallerThatCancelledIsACancellationEvenAfterALimitFired()
    {
        using var caller = new CancellationTokenSource();
        using var call = Scope(TimeSpan.FromMinutes(1), caller.Token);
        call.FireIdle();
        caller.Cancel();
        Assert.Null(call.Fired);
    }

    [Fact]
    public void EitherCallerTokenCancels()
    {
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        using var call = Scope(total: null, first.Token, second.Token);
        second.Cancel();
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Null(call.Fired);
    }

    [Fact]
    public void TheSystemClocksTotalLimitIsReportedAsTotal()
    {
        using var call = new CallScope(new EzrouterTimeouts { Total = TimeSpan.FromMilliseconds(1) }, TimeProvider.System, new EzrouterResponseInfo(), null, default);
        Assert.True(call.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeoutKind.Total, call.Fired);
    }

    [Fact]
    public void ALimitThatFiredTurnsWhatTheTransportThrewIntoATypedTimeout()
    {
        using var call = Scope(TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));

        var timeout = call.LimitExceeded(new IOException("aborted"), "the call did not complete");

        Assert.NotNull(timeout);
        Assert.Equal(TimeoutKind.Total, timeout.Kind);
        Assert.Equal(TimeSpan.FromMinutes(1), timeout.Limit);
        Assert.Equal("the call did not complete", timeout.Details.Summary);
    }

    [Fact]
    public void ATruncationTheCutCausedBecomesATimeoutKeepingWhatArrived()
    {
        using var call = Scope(TimeSpan.FromMinutes(1));
        call.FireIdle();
        var partial = new Ezrouter.Generated.OpenAi.Models.CreateChatCompletionResponse { Id = "c1" };
        var truncation = new EzrouterStreamTruncatedException(new EzrouterErrorDetails { RequestId = "rid", Summary = "closed" }) { PartialResponse = partial };

        var timeout = call.LimitExceeded(truncation);

        Assert.NotNull(timeout);
        Assert.Equal(TimeoutKind.Idle, timeout.Kind);
        Assert.Same(partial, timeout.PartialResponse);
        Assert.Equal("rid", timeout.RequestId);
    }

    [Fact]
    public void NothingFiredMeansNoTimeout()
    {
        using var caller = new CancellationTokenSource();
        using var call = Scope(TimeSpan.FromMinutes(1), caller.Token);
        caller.Cancel();

        Assert.Null(call.LimitExceeded(new OperationCanceledException()));
        Assert.Null(call.LimitExceeded(new InvalidOperationException()));
    }

    [Fact]
    public void AnAttemptsFirstByteLimitEndsTheAttemptNotTheCall()
    {
        using var call = Scope(TimeSpan.FromMinutes(1));
        using var attempt = CallScope.StartAttempt(TimeSpan.FromSeconds(5), _time, call.Token);

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(attempt.Fired);
        Assert.True(attempt.Token.IsCancellationRequested);
        Assert.False(call.Token.IsCancellationRequested);
    }

    [Fact]
    public void TheScopeRidesOnTheRequest()
    {
        using var call = Scope(TimeSpan.FromMinutes(1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.test/v1/chat/completions");

        Assert.Null(CallScope.Of(request));
        call.AttachTo(request);

        Assert.Same(call, CallScope.Of(request));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void EitherCallerTokenCancelsTheCallWhicheverOfThemCanBeCancelled(bool firstCancellable, bool secondCancellable)
    {
        // Arrange: e.g. a stream created without a token and enumerated with one, or the other way round.
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        using var call = Scope(null, firstCancellable ? first.Token : default, secondCancellable ? second.Token : default);

        // Act
        (secondCancellable ? second : first).Cancel();

        // Assert
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Null(call.Fired);
    }

    [Fact]
    public void ADisposedScopeNoLongerListensToTheCallersToken()
    {
        // Arrange: a long-lived caller token outlives many calls; a finished call must not stay registered on it.
        using var caller = new CancellationTokenSource();
        var call = Scope(null, caller.Token);
        var token = call.Token;

        // Act
        call.Dispose();
        caller.Cancel();

        // Assert
        Assert.False(token.IsCancellationRequested);
    }

    [Fact]
    public void AFinishedAttemptLimitNoLongerListensToTheAttemptsToken()
    {
        // Arrange
        using var attempt = new CancellationTokenSource();
        var limit = CallScope.StartAttempt(TimeSpan.FromSeconds(10), _time, attempt.Token);
        var token = limit.Token;

        // Act
        limit.Dispose();
        attempt.Cancel();

        // Assert
        Assert.False(token.IsCancellationRequested);
    }
}
