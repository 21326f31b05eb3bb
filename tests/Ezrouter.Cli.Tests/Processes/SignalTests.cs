using System.Diagnostics;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// Issue 14, items 1 and 3: a long command stops within 2 s of SIGINT or SIGTERM, with 130 or 143 and one goodbye
/// line; a retry wait is announced on stderr. Real signals, sent with <c>kill</c> to the CLI process (Linux, as CI).
/// </summary>
public sealed class SignalTests(SlowGatewayFixture gateway) : IClassFixture<SlowGatewayFixture>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    // Sends the signal and waits for the exit, timing from the signal: what every test here measures against Budget.
    private static async Task<(CliProcess.Result Result, TimeSpan Elapsed)> SignalAndWaitAsync(CliProcess process, string signal)
    {
        var clock = Stopwatch.StartNew();
        await process.SignalAsync(signal);
        var result = await process.WaitAsync(TimeSpan.FromSeconds(10));
        return (result, clock.Elapsed);
    }

    [Theory]
    [InlineData("INT", 130, "stopped by SIGINT")]
    [InlineData("TERM", 143, "stopped by SIGTERM")]
    public async Task RecordedGatewayStopsWithinTwoSeconds(string signal, int code, string goodbye)
    {
        // Arrange
        using var process = CliProcess.Start(["recorded-gateway"]);
        var baseUrl = await process.FirstLineAsync(TimeSpan.FromSeconds(30));
        using (var http = new HttpClient()) Assert.Contains("claude-sonnet-4-6", await http.GetStringAsync(baseUrl + "/v1/models"));

        // Act
        var (result, elapsed) = await SignalAndWaitAsync(process, signal);

        // Assert
        Assert.True(code == result.Exit, result.ToString());
        Assert.True(elapsed < Budget, $"took {elapsed.TotalSeconds:0.00} s: {result}");
        Assert.Equal(goodbye, result.Err.Trim().Split('\n')[^1]);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT", 130, "stopped by SIGINT")]
    [InlineData("TERM", 143, "stopped by SIGTERM")]
    public async Task RecordedGatewayReplayingAStreamStopsCleanlyWithinTwoSeconds(string signal, int code, string goodbye)
    {
        // Arrange: a client holds a stream of 40 frames 250 ms apart open, as a test that is being torn down would.
        using var cassettes = new TestCassettes();
        using var process = CliProcess.Start(["recorded-gateway", "--cassettes", cassettes.Folder]);
        var baseUrl = await process.FirstLineAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"slow-stream\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        Assert.True(await body.ReadAsync(new byte[64]) > 0);

        // Act
        var (result, elapsed) = await SignalAndWaitAsync(process, signal);

        // Assert: the replay in flight is cut, so the command ends by itself, not by the watchdog's forced exit.
        Assert.True(code == result.Exit, result.ToString());
        Assert.True(elapsed < Budget, $"took {elapsed.TotalSeconds:0.00} s: {result}");
        Assert.Equal(goodbye, result.Err.Trim().Split('\n')[^1]);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task AChatWaitingToRetryStopsWithinTwoSecondsAfterSayingWhy(string signal, int code)
    {
        // Arrange: the cassette answers 429 with Retry-After: 60, which the SDK caps at 30 s.
        using var process = CliProcess.Start(["chat", "hi", "--model", "error-429-rate-limit", "--no-stream"], gateway.Environment);
        await process.StderrContainsAsync("retrying in", TimeSpan.FromSeconds(30));

        // Act
        var (result, elapsed) = await SignalAndWaitAsync(process, signal);

        // Assert
        Assert.True(code == result.Exit, result.ToString());
        Assert.True(elapsed < Budget, $"took {elapsed.TotalSeconds:0.00} s: {result}");
        var lines = result.Err.Trim().Split('\n');
        Assert.Equal(["retrying in 30 s after HTTP 429 (Retry-After) — attempt 2 of 3", $"stopped by SIG{signal}"], lines);
    }

    [Fact]
    public async Task AStreamingChatStopsMidStreamWithinTwoSecondsAndEndsItsLine()
    {
        // Arrange: a stream of 40 frames 250 ms apart.
        using var process = CliProcess.Start(["chat", "go", "--model", "slow-stream"], gateway.Environment);
        await WaitForAsync(() => process.Out.Contains("more", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // Act
        var (result, elapsed) = await SignalAndWaitAsync(process, "INT");

        // Assert: the partial text kept, its line ended, then the goodbye.
        Assert.True(result.Exit == 130, result.ToString());
        Assert.True(elapsed < Budget, $"took {elapsed.TotalSeconds:0.00} s: {result}");
        Assert.StartsWith("One more", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("\n", result.Out, StringComparison.Ordinal);
        Assert.Equal("stopped by SIGINT", result.Err.Trim());
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException("the condition never held");
            await Task.Delay(20);
        }
    }
}
