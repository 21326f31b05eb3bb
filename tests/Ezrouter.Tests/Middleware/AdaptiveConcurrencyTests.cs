using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary>The optional in-flight limit that backs off as first-byte latency rises (the gateway queues instead of sending 429).</summary>
public class AdaptiveConcurrencyTests
{
    private static AdaptiveConcurrencyLimiter Limiter(ManualTimeProvider time, int max = 8) =>
        new(new EzrouterConcurrencyOptions { MaxConcurrentRequests = max, MinConcurrentRequests = 1, TargetTimeToFirstByte = TimeSpan.FromSeconds(2), DecreaseFactor = 0.5 }, time);

    [Fact]
    public void SlowFirstBytesShrinkTheLimitOncePerInterval()
    {
        var time = new ManualTimeProvider();
        var limiter = Limiter(time);

        limiter.Report(TimeSpan.FromSeconds(5));
        limiter.Report(TimeSpan.FromSeconds(5));
        Assert.Equal(4, limiter.Limit);

        time.Advance(TimeSpan.FromSeconds(3));
        limiter.Report(TimeSpan.FromSeconds(5));
        Assert.Equal(2, limiter.Limit);

        time.Advance(TimeSpan.FromSeconds(3));
        limiter.Report(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(3));
        limiter.Report(TimeSpan.FromSeconds(5));
        Assert.Equal(1, limiter.Limit);
    }

    [Fact]
    public void FastFirstBytesGrowTheLimitByOnePerWindowUpToTheMaximum()
    {
        var time = new ManualTimeProvider();
        var limiter = Limiter(time, max: 4);
        limiter.Report(TimeSpan.FromSeconds(5));
        Assert.Equal(2, limiter.Limit);

        limiter.Report(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, limiter.Limit);
        limiter.Report(TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, limiter.Limit);
        for (var i = 0; i < 10; i++) limiter.Report(TimeSpan.FromMilliseconds(100));
        Assert.Equal(4, limiter.Limit);
    }

    [Fact]
    public async Task RequestsBeyondTheLimitWaitForASlot()
    {
        var limiter = Limiter(new ManualTimeProvider(), max: 1);
        var first = await limiter.AcquireAsync(CancellationToken.None);

        var second = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        Assert.Equal(1, limiter.Waiting);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public async Task CancelledWaitersLeaveTheQueue()
    {
        var limiter = Limiter(new ManualTimeProvider(), max: 1);
        using var first = await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(cancel.Token).AsTask();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, limiter.InFlight);
    }

    [Fact]
    public async Task AStreamHoldsItsSlotUntilItEnds()
    {
        var mock = new MockHttpMessageHandler();
        var calls = mock.When(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions").Respond(_ => TestClients.Sse(Payloads.ChatSse));
        using var client = TestClients.Create(mock, o => o.Concurrency = new EzrouterConcurrencyOptions { MaxConcurrentRequests = 1 });

        var first = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync());
        var second = client.Chat.CompleteAsync(ChatCompletionTests.Request());
        await Task.Delay(50); // give the second call every chance to send if the gate were open

        Assert.Equal(1, mock.GetMatchCount(calls));
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        var result = await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Hello there!", result.Value.Choices![0].Message!.Content);
        Assert.Equal(2, mock.GetMatchCount(calls));
    }
}
