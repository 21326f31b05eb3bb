using System.Text.Json;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// Issue 16, item 6, as a user runs it: <c>recorded-gateway --profile ezai --tier free</c> says what it enforces, and
/// an EzAI call through the CLI reports the tier's limits in <c>--json</c>.
/// </summary>
public sealed class TierGatewayTests
{
    [Fact]
    public async Task ATierGatewaySaysWhatItEnforcesAndItsHeadersReachTheJsonOutput()
    {
        // Arrange
        using var gateway = CliProcess.Start(["recorded-gateway", "--profile", "ezai", "--tier", "free", "--rate-window", "30"]);
        var baseUrl = await gateway.FirstLineAsync(TimeSpan.FromSeconds(30));
        await gateway.StderrContainsAsync("tier free enforced: 5 requests per 30 s window, 1 in flight", TimeSpan.FromSeconds(10));
        var environment = new Dictionary<string, string?> { ["EZROUTER_BASE_URL"] = baseUrl };

        try
        {
            // Act
            var result = await CliProcess.RunAsync(["chat", "Hi", "--model", "gpt-5.2", "--profile", "ezai", "--no-stream", "--json"], environment);

            // Assert
            Assert.True(result.Exit == 0, result.ToString());
            var limit = JsonDocument.Parse(result.Out).RootElement.GetProperty("rate_limit");
            Assert.Equal(("free", 5, 1), (limit.GetProperty("tier").GetString(), limit.GetProperty("limit_requests").GetInt32(), limit.GetProperty("concurrent_limit").GetInt32()));
            Assert.InRange(limit.GetProperty("remaining_requests").GetInt32(), 0, 4);
        }
        finally
        {
            await gateway.SignalAsync("TERM");
            await gateway.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
