using System.Diagnostics;
using System.Text.Json;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// Issue 14, items 3, 4 and 6 as a user sees them: retry waits announced, the spinner only on a terminal, tool calls
/// and thinking printed, the finish reason and usage with --verbose, a newline before any error line, NO_COLOR, and
/// readable --json. Each runs the CLI as a process against one recorded-gateway process.
/// </summary>
public sealed class OutputTests(SlowGatewayFixture gateway) : IClassFixture<SlowGatewayFixture>
{
    private Task<CliProcess.Result> RunAsync(params string[] args) => CliProcess.RunAsync(args, gateway.Environment);

    [Fact]
    public async Task ToolCallsPrintAsArrowsAndExitZero()
    {
        var result = await RunAsync("chat", "What's the weather in Paris and in Tokyo?", "--model", "gpt-5.2");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("→ get_weather({\"location\":\"Paris, France\"})\n→ get_weather({\"location\":\"Tokyo, Japan\"})\n", result.Out);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnthropicThinkingTextAndToolUseAllPrint(bool noStream)
    {
        string[] args = ["chat", "What's the weather in Paris?", "--model", "claude-sonnet-4-6", "--surface", "anthropic", "--verbose"];
        var result = await RunAsync(noStream ? [.. args, "--no-stream"] : args);

        Assert.True(result.Exit == 0, result.ToString());
        var lines = result.Out.Split('\n');
        Assert.Equal("thinking", lines[0]);
        Assert.Contains("get_weather", lines[1], StringComparison.Ordinal);
        Assert.Equal("", lines[2]);
        Assert.Equal("I'll check the current weather in Paris for you.", lines[3]);
        Assert.Equal("→ get_weather({\"location\":\"Paris, France\",\"unit\":\"celsius\"})", lines[4]);
        Assert.Matches(@"^finish reason tool_use; usage input \d+, output \d+, total \d+ tokens; request id \w+", result.Err);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheChatClientPathPrintsTheSameToolCalls(bool noStream)
    {
        string[] args = ["chat", "What's the weather in Paris and in Tokyo?", "--model", "gpt-5.2", "--via", "chat-client", "--verbose"];
        var result = await RunAsync(noStream ? [.. args, "--no-stream"] : args);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("→ get_weather({\"location\":\"Paris, France\"})\n→ get_weather({\"location\":\"Tokyo, Japan\"})\n", result.Out);
        Assert.Contains("finish reason tool_calls", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("request id -", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChatClientPathFailsTyped()
    {
        var result = await RunAsync("chat", "Hello", "--model", "error-429-rate-limit", "--via", "chat-client", "--no-retry");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("error: ezrouter returned HTTP 429", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HideThinkingLeavesTheAnswerAndNoVerboseLeavesStderrEmpty()
    {
        var result = await RunAsync("chat", "Is 9.11 greater than 9.8?", "--model", "deepseek-v4-pro", "--hide-thinking");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("No. 9.8 is greater than 9.11 (9.80 > 9.11).\n", result.Out);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public async Task AMidStreamErrorStartsOnItsOwnLine()
    {
        var result = await RunAsync("chat", "Write a haiku about the sea.", "--model", "kimi-k2.6");

        Assert.Equal(1, result.Exit);
        Assert.EndsWith("salt wind\n", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("error: ezrouter returned HTTP 200 (engine_overloaded_error)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonIsOneUtf8ObjectWithReadableEscaping()
    {
        var result = await RunAsync("chat", "go", "--model", "readable-json", "--json");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains("It's 5+5 \\\"quoted\\\" — café <ok>", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", result.Out, StringComparison.Ordinal);
        var content = JsonDocument.Parse(result.Out).RootElement.GetProperty("response").GetProperty("choices")[0].GetProperty("message").GetProperty("content");
        Assert.Equal("It's 5+5 \"quoted\" — café <ok>", content.GetString());
    }

    [Fact]
    public async Task EachRetryWaitIsOneLineOnStderr()
    {
        // A backoff retry: the cassette answers 502, then 200.
        var result = await RunAsync("chat", "Say hi.", "--model", "claude-haiku-4-5", "--no-stream");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Matches(@"^retrying in \d\.\d s after HTTP 502 \(backoff\) — attempt 2 of 3\n$", result.Err);
    }

    [Fact]
    public async Task NoRetryAndMaxRetriesAndTimeoutApply()
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(
            RunAsync("chat", "hi", "--model", "error-429-rate-limit", "--no-retry"),
            RunAsync("chat", "hi", "--model", "error-429-rate-limit", "--timeout", "5"),
            RunAsync("chat", "go", "--model", "slow-first-token", "--timeout", "0.5"));

        // --no-retry: no wait; --timeout 5: the 30 s wait cannot fit, so none starts; a 0.5 s limit fires first.
        Assert.All(results, r => Assert.DoesNotContain("retrying", r.Err, StringComparison.Ordinal));
        Assert.Contains("HTTP 429", results[0].Err, StringComparison.Ordinal);
        Assert.Contains("HTTP 429", results[1].Err, StringComparison.Ordinal);
        Assert.True(results[2].Exit == 1, results[2].ToString());
        Assert.Contains("raise --timeout", results[2].Err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{clock.Elapsed}");
    }

    [Fact]
    public async Task MaxRetriesSetsTheAttemptCount()
    {
        using var process = CliProcess.Start(["chat", "hi", "--model", "error-429-rate-limit", "--max-retries", "4"], gateway.Environment);
        await process.StderrContainsAsync("retrying", TimeSpan.FromSeconds(30));
        await process.SignalAsync("INT");
        var result = await process.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("retrying in 30 s after HTTP 429 (Retry-After) — attempt 2 of 5\n", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSpinnerWhenStdoutIsRedirected()
    {
        var result = await RunAsync("chat", "go", "--model", "slow-first-token");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("Hello there.\n", result.Out);
    }

    [Fact]
    public async Task OnATerminalASpinnerWaitsForTheFirstTokenAndThinkingIsDimUnlessNoColor()
    {
        if (!OperatingSystem.IsLinux()) return; // script(1) from util-linux gives the CLI a terminal; CI runs Linux.
        var cli = $"\"{(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")}\" \"{CliProcess.Dll}\"";

        var runs = await Task.WhenAll(
            Terminal($"{cli} chat go --model slow-first-token", null),
            Terminal($"{cli} chat 'Is 9.11 greater than 9.8?' --model deepseek-v4-pro", null),
            Terminal($"{cli} chat 'Is 9.11 greater than 9.8?' --model deepseek-v4-pro", "1"));

        Assert.True(runs[0].Exit == 0, runs[0].ToString());
        Assert.Contains("waiting for the first token", runs[0].Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[2K", runs[0].Out, StringComparison.Ordinal);
        Assert.Contains("Hello there.", runs[0].Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[2mthinking\u001b[0m", runs[1].Out, StringComparison.Ordinal);
        // No styling (the runtime's own keypad-mode sequence on a terminal is not ours).
        Assert.DoesNotMatch("\u001b\\[[0-9;]*m", runs[2].Out);
        Assert.Contains("thinking", runs[2].Out, StringComparison.Ordinal);
    }

    private Task<CliProcess.Result> Terminal(string command, string? noColor)
    {
        var environment = new Dictionary<string, string?>(gateway.Environment) { ["NO_COLOR"] = noColor, ["TERM"] = "xterm" };
        var process = CliProcess.StartRaw("script", ["-qec", command, "/dev/null"], environment);
        return process.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => { process.Dispose(); return t.Result; }, TaskScheduler.Default);
    }
}
