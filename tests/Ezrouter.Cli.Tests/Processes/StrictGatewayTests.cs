using System.Net;
using System.Text;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// Issue 13, item 4, as a user runs it: <c>recorded-gateway</c> answers a prompt no cassette holds with the stand-in
/// answer, and <c>recorded-gateway --strict</c> with the 404 that names the closest cassette instead.
/// </summary>
public sealed class StrictGatewayTests
{
    private const string Unrecorded = """{"model":"gpt-5.2","stream":true,"messages":[{"role":"user","content":"A prompt no cassette holds."}]}""";

    [Fact]
    public async Task WithoutStrictAnUnrecordedPromptGetsTheStandInAnswer()
    {
        var (status, cassette, body, err) = await AskAsync(["recorded-gateway"]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("default-chat", cassette);
        Assert.Contains("stand-in answer", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]", body.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("unmatched requests get the gateway's own answer", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithStrictAnUnrecordedPromptGetsTheNoMatchDiagnostic()
    {
        var (status, cassette, body, err) = await AskAsync(["recorded-gateway", "--strict"]);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Null(cassette);
        Assert.Contains("\"type\":\"recorded_gateway_no_match\"", body, StringComparison.Ordinal);
        Assert.Contains("closest: ", body, StringComparison.Ordinal);
        Assert.Contains("strict: unmatched requests get a 404 naming the closest cassette", err, StringComparison.Ordinal);
    }

    /// <summary>Starts the gateway with these arguments, sends the unrecorded prompt, and stops it with SIGTERM.</summary>
    private static async Task<(HttpStatusCode Status, string? Cassette, string Body, string Err)> AskAsync(string[] args)
    {
        using var gateway = CliProcess.Start(args);
        try
        {
            var baseUrl = await gateway.FirstLineAsync(TimeSpan.FromSeconds(30));
            await gateway.StderrContainsAsync("Ctrl+C to stop", TimeSpan.FromSeconds(10));
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/chat/completions")
            {
                Content = new StringContent(Unrecorded, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Authorization", "Bearer sk-test");
            using var response = await client.SendAsync(request);
            var cassette = response.Headers.TryGetValues("X-Cassette", out var values) ? values.Single() : null;
            return (response.StatusCode, cassette, await response.Content.ReadAsStringAsync(), gateway.Err);
        }
        finally
        {
            await gateway.SignalAsync("TERM");
            await gateway.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
