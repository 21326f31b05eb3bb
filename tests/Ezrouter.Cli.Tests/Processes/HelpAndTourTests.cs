using System.Text.RegularExpressions;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>Issue 14, item 7: each command's --help lists only options that apply, and every command the tour suggests works.</summary>
public sealed partial class HelpAndTourTests(GatewayProcessFixture gateway) : IClassFixture<GatewayProcessFixture>
{
    [Fact]
    public async Task EachHelpListsOnlyItsOwnOptions()
    {
        var help = await Task.WhenAll(new[] { "recorded-gateway", "chat", "models", "tour" }.Select(c => CliProcess.RunAsync([c, "--help"])));

        Assert.All(help, h => Assert.Equal(0, h.Exit));
        var (gatewayHelp, chat, models, tour) = (help[0].Out, help[1].Out, help[2].Out, help[3].Out);
        foreach (var option in new[] { "--base-url", "--api-key", "--timeout", "--json", "--model" })
            Assert.DoesNotContain(option, gatewayHelp, StringComparison.Ordinal);
        foreach (var option in new[] { "--port", "--cassettes", "--strict", "--profile", "--tier", "--rate-window", "free 5/1", "ultra 120/8" })
            Assert.Contains(option, gatewayHelp, StringComparison.Ordinal);
        foreach (var option in new[] { "--base-url", "--api-key", "--allow-insecure-http", "--timeout", "--max-retries", "--no-retry", "--verbose", "--hide-thinking", "--json" })
            Assert.Contains(option, chat, StringComparison.Ordinal);
        Assert.DoesNotContain("--port", chat, StringComparison.Ordinal);
        Assert.DoesNotContain("--model", models, StringComparison.Ordinal);
        Assert.DoesNotContain("--json", tour, StringComparison.Ordinal);
        Assert.Contains("--base-url", tour, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCommandTheTourSuggestsWorksAgainstTheRecordedGateway()
    {
        // Arrange: the tour's own output, with no key (so against its embedded recorded gateway).
        var tour = await CliProcess.RunAsync(["tour"]);
        Assert.True(tour.Exit == 0, tour.ToString());
        var suggestions = tour.Out.Split('\n').Where(l => l.StartsWith("  ezrouter ", StringComparison.Ordinal)).Select(l => Words(l.Trim())[1..]).ToList();
        Assert.True(suggestions.Count >= 3, tour.Out);
        Assert.Contains("recorded-gateway --port 8787", tour.Out, StringComparison.Ordinal);

        // Act: each as printed, with EZROUTER_BASE_URL pointing at a recorded gateway, as the tour says.
        var runs = await Task.WhenAll(suggestions.Select(args => CliProcess.RunAsync(args, gateway.Environment)));

        // Assert
        Assert.All(runs, r => Assert.True(r.Exit == 0 && r.Out.Length > 0 && !r.Err.Contains("error", StringComparison.Ordinal), r.ToString()));
    }

    [Fact]
    public async Task TheTourSaysOnStderrWhenItWaitsToRetry()
    {
        // Step 6 asks for a model the gateway does not have; the SDK retries its 503 model_not_found once.
        var runs = await Task.WhenAll(CliProcess.RunAsync(["tour"]), CliProcess.RunAsync(["tour", "--base-url", gateway.BaseUrl]));

        Assert.All(runs, r =>
        {
            Assert.True(r.Exit == 0, r.ToString());
            Assert.Contains("retried 1 time(s)", r.Out, StringComparison.Ordinal);
            Assert.Matches(@"^retrying in \d+(\.\d)? s after HTTP 503 \((backoff|Retry-After)\) — attempt 2 of 3\n$", r.Err);
        });
    }

    /// <summary>Splits a shell line on spaces, keeping double-quoted words whole.</summary>
    internal static string[] Words(string line) => Word().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToArray();

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Word();
}
