using System.Text.Json;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// Issue 16, items 1, 4 and 7 as a user sees them: <c>--profile</c> and <c>EZROUTER_PROFILE</c> choose the gateway,
/// <c>count-tokens</c> counts on EzAI and is refused before sending on ezrouter, and <c>--json</c> carries
/// <c>rate_limit</c> when the gateway sent its headers. Each runs the CLI as a process against a recorded-gateway process.
/// </summary>
public sealed class ProfileTests(GatewayProcessFixture gateway) : IClassFixture<GatewayProcessFixture>
{
    // EzAI's count_tokens cassette expects x-api-key: the CLI sends none to a loopback gateway without a key.
    private Task<CliProcess.Result> RunAsync(string? profileVariable, params string[] args)
    {
        var environment = new Dictionary<string, string?>(gateway.Environment) { ["EZROUTER_PROFILE"] = profileVariable, ["EZROUTER_API_KEY"] = "sk-profile-test" };
        return CliProcess.RunAsync(args, environment);
    }

    [Fact]
    public async Task CountTokensJsonPrintsTheCountAndTheRateLimit()
    {
        var result = await RunAsync(null, "count-tokens", "Hello!", "--model", "claude-sonnet-4-5", "--profile", "ezai", "--json");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("""
            {"input_tokens":12,"rate_limit":{"tier":"free","limit_requests":5,"remaining_requests":4,"reset_requests":"2026-12-03T09:01:00.000Z","concurrent_limit":1,"concurrent_remaining":1}}
            """ + "\n", result.Out);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public async Task TheEnvironmentChoosesTheProfileAndThePlainOutputSaysTheCount()
    {
        var result = await RunAsync("ezai", "count-tokens", "Hello!", "--model", "claude-sonnet-4-5");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("12 input tokens (claude-sonnet-4-5)\n", result.Out);
    }

    [Fact]
    public async Task CountTokensOnEzrouterIsRefusedBeforeSendingWithAHint()
    {
        var result = await RunAsync(null, "count-tokens", "Hello!", "--model", "claude-sonnet-4-5", "--json");

        Assert.Equal(1, result.Exit);
        var error = JsonDocument.Parse(result.Out).RootElement.GetProperty("error");
        Assert.Equal("EzrouterOperationNotSupportedException", error.GetProperty("exception").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("status").ValueKind);
        Assert.Contains("does not serve CountTokens", result.Err, StringComparison.Ordinal);
        Assert.Contains("hint: this gateway profile does not serve it: pass --profile ezai", result.Err, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(result.Out).RootElement.TryGetProperty("rate_limit", out _));
    }

    [Fact]
    public async Task AnErrorObjectCarriesTheRateLimit()
    {
        var result = await RunAsync(null, "count-tokens", "Hello!", "--model", "ezai-count-tokens-429", "--profile", "ezai", "--no-retry", "--json");

        Assert.Equal(1, result.Exit);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(429, root.GetProperty("error").GetProperty("status").GetInt32());
        var limit = root.GetProperty("rate_limit");
        Assert.Equal(("free", 0, 0), (limit.GetProperty("tier").GetString(), limit.GetProperty("remaining_requests").GetInt32(), limit.GetProperty("concurrent_remaining").GetInt32()));
    }

    [Fact]
    public async Task ASuccessWithoutTheHeadersHasNoRateLimitKey()
    {
        var result = await RunAsync(null, "models", "--json");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.False(JsonDocument.Parse(result.Out).RootElement.TryGetProperty("rate_limit", out _));
    }

    [Theory]
    [InlineData("--profile", "openai")]
    [InlineData(null, "openai")]
    public async Task AnUnknownProfileIsAUsageErrorNamingItsSource(string? option, string name)
    {
        var result = option is null
            ? await RunAsync(name, "models")
            : await RunAsync(null, "models", option, name);

        Assert.Equal(2, result.Exit);
        Assert.Contains(option is null ? "$EZROUTER_PROFILE names no gateway profile: 'openai'" : "--profile names no gateway profile: 'openai'", result.Err, StringComparison.Ordinal);
        Assert.Contains("hint: use ezrouter or ezai", result.Err, StringComparison.Ordinal);
    }
}
