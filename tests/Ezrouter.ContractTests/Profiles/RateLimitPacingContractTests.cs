using System.Diagnostics;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Middleware.Options;
using Ezrouter.Profiles;
using Ezrouter.Testing;

namespace Ezrouter.ContractTests.Profiles;

/// <summary>
/// Issue 16, item 3, over real loopback sockets: an EzAI client against the recorded gateway enforcing the Free tier
/// (5 requests per window, 1 in flight; windows of 2 s here instead of a minute). With pacing, 20 parallel calls all
/// complete and the gateway refuses at most one; without it, the same calls draw 429s. A waiting call ends promptly
/// and typed, is never sent, and a stream holds the one slot until it is disposed.
/// </summary>
public sealed class RateLimitPacingContractTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static CreateChatCompletionRequest Chat(string text = "Hi") => new()
    {
        Model = "gpt-5.2",
        Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = text } } }],
    };

    private static Task<RecordedGateway> FreeTier(TimeSpan window) =>
        RecordedGateway.StartAsync(new RecordedGatewayOptions { Tier = RateLimitTier.Free, RateWindow = window });

    private static EzrouterClient EzAi(RecordedGateway gateway, bool paced = true, TimeSpan? total = null)
    {
        var options = new EzrouterClientOptions
        {
            Profile = GatewayProfile.EzAi,
            ApiKey = "contract-test-key",
            BaseUrl = gateway.BaseUrl,
            RateLimitPacing = paced ? null : new RateLimitPacingOptions { Enabled = false },
        };
        options.Timeouts.Total = total;
        return new EzrouterClient(options);
    }

    // Windows start at whole multiples of their length: this waits for the next start unless one just began, so the
    // few quick calls that follow all land in one window.
    private static Task EarlyInAWindowAsync(TimeSpan window)
    {
        var into = TimeSpan.FromTicks(DateTimeOffset.UtcNow.UtcTicks % window.Ticks);
        return into < window / 4 ? Task.CompletedTask : Task.Delay(window - into + TimeSpan.FromMilliseconds(20));
    }

    private static int Refusals(RecordedGateway gateway) => gateway.Requests.Count(r => r.Status == 429);

    [Fact]
    public async Task TwentyParallelCallsOnTheFreeTierAllCompleteWithAtMostOne429OnTheWire()
    {
        // Arrange
        await using var gateway = await FreeTier(TimeSpan.FromSeconds(2));
        using var client = EzAi(gateway);

        // Act
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.Chat.CompleteAsync(Chat($"call {i}"))));
        output.WriteLine($"20 paced calls: {clock.Elapsed.TotalSeconds:0.0} s, {Refusals(gateway)} refused on the wire");

        // Assert
        Assert.All(answers, a => Assert.StartsWith("This is a stand-in answer", a.Value.Choices![0].Message!.Content, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.Equal("free", a.Info.RateLimit!.Tier));
        Assert.InRange(Refusals(gateway), 0, 1);
        Assert.Equal(20, gateway.Requests.Count(r => r.Status == 200));
    }

    [Fact]
    public async Task WithoutPacingTheSameCallsDraw429s()
    {
        // Arrange
        await using var gateway = await FreeTier(TimeSpan.FromSeconds(2));
        using var client = EzAi(gateway, paced: false);

        // Act
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await client.Chat.CompleteAsync(Chat($"call {i}"));
                return null;
            }
            catch (EzrouterRateLimitException e)
            {
                return e;
            }
        }));

        output.WriteLine($"20 unpaced calls: {Refusals(gateway)} refused on the wire, {outcomes.Count(e => e is not null)} reached the caller as 429");

        // Assert: the gateway refused many (each retried at most twice), and some reached the caller.
        Assert.True(Refusals(gateway) > 1, $"{Refusals(gateway)} refusals");
        Assert.Contains(outcomes, e => e is { StatusCode: 429, RetryAfter: not null });
    }

    [Fact]
    public async Task A429FromAnotherClientOfTheAccountFeedsThePacerAndIsRetriedAfterItsWait()
    {
        // Arrange: another program used the whole window before this client's first call.
        var window = TimeSpan.FromSeconds(2);
        await using var gateway = await FreeTier(window);
        using var other = EzAi(gateway, paced: false);
        await EarlyInAWindowAsync(window);
        for (var i = 0; i < 5; i++) await other.Chat.CompleteAsync(Chat());
        gateway.Reset();
        using var client = EzAi(gateway);

        // Act
        var answers = await Task.WhenAll(client.Chat.CompleteAsync(Chat("first")), client.Chat.CompleteAsync(Chat("second")));

        // Assert: the first call's 429 crossed the wire (this client knew nothing yet) and held the second back too.
        Assert.Equal(1, Refusals(gateway));
        Assert.Equal(1, answers.Sum(a => a.Info.RetryCount));
        Assert.Equal([429, 200, 200], gateway.Requests.Select(r => r.Status ?? 0));
    }

    [Fact]
    public async Task ACallerCancellingAWaitingCallGetsACancellationPromptlyAndItIsNeverSent()
    {
        // Arrange: the window (an hour; the pacer believes at most 2 minutes of it) is used up.
        await using var gateway = await FreeTier(TimeSpan.FromHours(1));
        using var client = EzAi(gateway);
        for (var i = 0; i < 5; i++) await client.Chat.CompleteAsync(Chat());
        using var cancel = new CancellationTokenSource();

        // Act
        var waiting = client.Chat.CompleteAsync(Chat("sixth"), cancel.Token);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        var clock = Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // Assert
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(5, gateway.Requests.Count);
    }

    [Fact]
    public async Task AWaitingCallEndsAtItsTotalLimitAsATimeoutAndIsNeverSent()
    {
        await using var gateway = await FreeTier(TimeSpan.FromHours(1));
        using var client = EzAi(gateway, total: TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++) await client.Chat.CompleteAsync(Chat());
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EzrouterTimeoutException>(() => client.Chat.CompleteAsync(Chat("sixth")));

        Assert.Equal((TimeoutKind.Total, TimeSpan.FromSeconds(1)), (error.Kind, error.Limit));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(5, gateway.Requests.Count);
    }

    [Fact]
    public async Task AStreamHoldsTheOneSlotUntilItIsDisposed()
    {
        // Arrange
        await using var gateway = await FreeTier(TimeSpan.FromHours(1));
        using var client = EzAi(gateway);
        var stream = client.Chat.CompleteStreamingAsync(Chat("stream")).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());

        // Act
        var second = client.Chat.CompleteAsync(Chat("after the stream"));
        await Task.Delay(300); // every chance to send, were the slot free

        // Assert
        Assert.Single(gateway.Requests);
        Assert.False(second.IsCompleted);
        await stream.DisposeAsync();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([200, 200], gateway.Requests.Select(r => r.Status ?? 0));
    }
}
