using Ezrouter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Ezrouter.Tests.Telemetry.TelemetryHarness;

namespace Ezrouter.Tests.Telemetry;

/// <summary>What the client logs, through the options' logger factory and through DI.</summary>
public sealed class LogTests
{
    [Fact]
    public async Task A_retry_is_logged_with_its_reason_and_wait()
    {
        await using var harness = await StartAsync();

        var response = await harness.Client.Chat.CompleteAsync(ChatRequest("claude-haiku-4-5", "Say hi."));

        Assert.Equal(1, response.Info.RetryCount);
        var retry = Assert.Single(harness.LogLines, l => l.Id.Name == "Retrying");
        Assert.Equal("Ezrouter.Retry", retry.Category);
        Assert.Equal(LogLevel.Information, retry.Level);
        Assert.Equal(502, retry.GetStructuredStateValue("StatusCode") is { } s ? int.Parse(s) : 0);
        Assert.NotNull(retry.GetStructuredStateValue("DelayMs"));
        Assert.EndsWith("Exception", retry.GetStructuredStateValue("Reason"));
        Assert.Contains(harness.LogLines, l => l.Id.Name == "CallCompleted" && l.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task Stream_outcomes_are_logged_at_their_levels()
    {
        await using var harness = await StartAsync();

        await harness.Client.Chat.CompleteStreamingAsync(ChatRequest("claude-sonnet-4-6", "Count to five.")).GetFinalCompletionAsync();
        await Assert.ThrowsAnyAsync<EzrouterException>(() => harness.Client.Chat.CompleteStreamingAsync(ChatRequest("deepseek-v4-flash", "Tell me a long story.")).GetFinalCompletionAsync());
        await Assert.ThrowsAnyAsync<EzrouterException>(() => harness.Client.Chat.CompleteStreamingAsync(ChatRequest("kimi-k2.6", "Write a haiku about the sea.")).GetFinalCompletionAsync());
        await foreach (var _ in harness.Client.Chat.CompleteStreamingAsync(ChatRequest("claude-sonnet-4-6", "Count to five."))) break;

        var streams = harness.LogLines.Where(l => l.Category == "Ezrouter.Streaming").ToList();
        Assert.Equal(LogLevel.Debug, Assert.Single(streams, l => l.Id.Name == "StreamCompleted").Level);
        Assert.Equal(LogLevel.Warning, Assert.Single(streams, l => l.Id.Name == "StreamTruncated").Level);
        Assert.Equal(LogLevel.Warning, Assert.Single(streams, l => l.Id.Name == "StreamFailed").Level);
        Assert.Equal(LogLevel.Information, Assert.Single(streams, l => l.Id.Name == "StreamAbandoned").Level);
        Assert.Equal(4, streams.Count);
    }

    [Fact]
    public async Task A_time_limit_that_cuts_a_call_is_logged()
    {
        await using var harness = await StartAsync(o => o.Timeouts.Total = TimeSpan.FromMilliseconds(300), cassettes: Scenarios.Slow);

        var timeout = await Assert.ThrowsAsync<EzrouterTimeoutException>(() => harness.Client.Chat.CompleteAsync(ChatRequest("slow", "x")));

        var line = Assert.Single(harness.LogLines, l => l.Id.Name == "CallTimedOut");
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(timeout.Kind.ToString(), line.GetStructuredStateValue("Kind"));
        Assert.Contains(harness.LogLines, l => l.Id.Name == "CallFailed" && l.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_logged_as_information_not_as_a_failure()
    {
        await using var harness = await StartAsync(cassettes: [Scenarios.Slow, Scenarios.SlowStream]);

        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.Chat.CompleteAsync(ChatRequest("slow", "x"), cts.Token));
        using (var cts = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in harness.Client.Chat.CompleteStreamingAsync(ChatRequest("slow-stream", "x"), cts.Token)) cts.CancelAfter(100);
            });
        }

        Assert.Equal(LogLevel.Information, Assert.Single(harness.LogLines, l => l.Id.Name == "CallCancelled").Level);
        Assert.Equal(LogLevel.Information, Assert.Single(harness.LogLines, l => l.Id.Name == "StreamCancelled").Level);
        Assert.DoesNotContain(harness.LogLines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_catalog_fetch_is_logged_with_its_reason()
    {
        await using var harness = await StartAsync();

        var models = await harness.Client.Models.ListAsync();
        await harness.Client.Models.ListAsync(refresh: true);

        var lines = harness.LogLines.Where(l => l.Id.Name == "CatalogRefreshed").ToList();
        Assert.Equal(["first use", "asked"], lines.Select(l => l.GetStructuredStateValue("Reason")));
        Assert.All(lines, l => Assert.Equal(models.Count.ToString(), l.GetStructuredStateValue("Count")));
    }

    [Fact]
    public async Task AddEzrouter_logs_through_the_containers_logger_factory()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var logs = new FakeLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddEzrouter(o =>
        {
            o.ApiKey = DefaultKey;
            o.BaseUrl = gateway.BaseUrl;
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<EzrouterClient>().Models.ListAsync();

        Assert.Contains(logs.Collector.GetSnapshot(), l => l.Id.Name == "CatalogRefreshed" && l.Category == "Ezrouter.Catalog");
    }
}
