using Ezrouter.Http;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Http;

/// <summary>
/// <see cref="CallScope"/> where the mutation run found it unguarded (docs/mutation-testing.md): the system clock's
/// limits, which exception types a fired limit turns into a timeout, the summaries it writes, and what a stream's
/// error envelope keeps of the response.
/// </summary>
public sealed class CallScopeEdgeTests
{
    private readonly ManualTimeProvider _time = new();

    private static EzrouterResponseInfo Info(string? requestId = "req-from-headers") => new() { StatusCode = 200, RequestId = requestId };

    private CallScope Scope(TimeSpan? total = null, TimeSpan? idle = null, EzrouterResponseInfo? info = null) =>
        new(new EzrouterTimeouts { Total = total, Idle = idle ?? TimeSpan.FromSeconds(30) }, _time, info ?? Info(), "sk-edge-secret-0123456789", default);

    [Fact]
    public void OnTheSystemClockAnIdleFiringAfterTheTotalLimitDoesNotReplaceIt()
    {
        using var call = new CallScope(new EzrouterTimeouts { Total = TimeSpan.FromMilliseconds(1) }, TimeProvider.System, Info(), null, default);
        Assert.True(call.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the total limit never fired");
        call.FireIdle();
        Assert.Equal(TimeoutKind.Total, call.Fired);
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(ArgumentException))]
    [InlineData(typeof(FormatException))]
    public void AFiredLimitDoesNotClaimAnExceptionItCannotHaveCaused(Type thrown)
    {
        using var call = Scope();
        call.FireIdle();
        Assert.Null(call.LimitExceeded((Exception)Activator.CreateInstance(thrown, "boom")!));
    }

    [Fact]
    public void ATimeoutIsNotWrappedInAnother()
    {
        using var call = Scope();
        call.FireIdle();
        var first = call.LimitExceeded(new OperationCanceledException())!;
        Assert.Null(call.LimitExceeded(first));
    }

    [Fact]
    public void TheIdleTimeoutSaysHowLongNothingArrived()
    {
        using var call = Scope(idle: TimeSpan.FromMilliseconds(1500));
        call.FireIdle();
        var timeout = call.LimitExceeded(new IOException("reset"))!;
        Assert.Equal(TimeoutKind.Idle, timeout.Kind);
        Assert.Equal("no stream event for 1.5 s", timeout.Details.Summary);
    }

    [Fact]
    public void TheTotalTimeoutSaysTheStreamDidNotComplete()
    {
        using var call = Scope(total: TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("the stream did not complete within 2 s", call.LimitExceeded(new OperationCanceledException())!.Details.Summary);
    }

    [Fact]
    public void TheTotalTimeoutTakesTheCallersSummary()
    {
        using var call = Scope(total: TimeSpan.FromSeconds(2));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CallScope.NoAnswerInTime, call.LimitExceeded(new OperationCanceledException(), CallScope.NoAnswerInTime)!.Details.Summary);
    }

    [Fact]
    public void DataThatIsNotAnErrorEnvelopeReadsAsNoError()
    {
        using var call = Scope();
        Assert.Null(call.ReadError("{\"id\":\"chatcmpl-1\",\"choices\":[]}"u8));
    }

    [Fact]
    public void AnErrorEnvelopeInTheStreamKeepsItsBodyAndTheResponsesRequestId()
    {
        using var call = Scope();
        var details = call.ReadError("{\"error\":{\"message\":\"upstream failed\",\"type\":\"upstream_error\"}}"u8)!;
        Assert.Equal("upstream failed", details.GatewayMessage);
        Assert.Equal("req-from-headers", details.RequestId);
        Assert.Contains("upstream failed", details.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamsOwnRequestIdWinsOverTheHeaders()
    {
        using var call = Scope();
        Assert.Equal("req-in-stream", call.Merge(new EzrouterErrorDetails { RequestId = "req-in-stream" }).RequestId);
    }

    [Fact]
    public void OnTheSystemClockAnAttemptsFirstByteLimitFires()
    {
        using var attempt = CallScope.StartAttempt(TimeSpan.FromMilliseconds(1), TimeProvider.System, CancellationToken.None);
        Assert.True(attempt.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the first-byte limit never fired");
        Assert.True(attempt.Fired);
    }

    [Fact]
    public void AnAttemptCancelledByItsOwnTokenIsNotTheLimit()
    {
        using var caller = new CancellationTokenSource();
        using var attempt = CallScope.StartAttempt(TimeSpan.FromMinutes(5), _time, caller.Token);
        caller.Cancel();
        Assert.True(attempt.Token.IsCancellationRequested);
        Assert.False(attempt.Fired);
    }
}
