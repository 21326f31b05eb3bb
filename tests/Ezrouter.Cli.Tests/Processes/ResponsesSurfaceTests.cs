using System.Text.Json;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// <c>chat --surface responses</c> (issue 16, item 5) as a user sees it: text streamed, reasoning summaries as
/// thinking, function calls as arrows, --verbose status and usage, --json the final response, failures typed. Each
/// runs the CLI as a process against one recorded-gateway process serving <see cref="ResponsesCassettes"/> beside
/// the embedded <c>responses-*</c> cassettes.
/// </summary>
public sealed class ResponsesSurfaceTests(ResponsesGatewayFixture gateway) : IClassFixture<ResponsesGatewayFixture>
{
    private Task<CliProcess.Result> RunAsync(params string[] args) => CliProcess.RunAsync(args, gateway.Environment);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheAnswerPrintsAndVerboseSaysStatusAndUsage(bool noStream)
    {
        // responses-stream answers "Count to five." streamed; responses-whole answers "Hello!" as JSON.
        var result = noStream
            ? await RunAsync("chat", "Hello!", "--model", "claude-sonnet-4-6", "--surface", "responses", "--no-stream", "--verbose")
            : await RunAsync("chat", "Count to five.", "--model", "claude-sonnet-4-6", "--surface", "responses", "--verbose");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal(noStream ? "Hello! How can I help you today?\n" : "1, 2, 3, 4, 5.\n", result.Out);
        Assert.StartsWith(noStream
            ? "finish reason completed; usage input 14, output 11, total 25 tokens; request id 20261121093101982594518xRsWhQaL"
            : "finish reason completed; usage input 15, output 14, total 29 tokens; request id 20261121093102114907735qWcFbnEz",
            result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("responses-reasoning-stream", false)]
    [InlineData("responses-reasoning-json", false)]
    [InlineData("responses-reasoning-json", true)]
    public async Task ReasoningSummaryTextAndFunctionCallsAllPrint(string model, bool noStream)
    {
        string[] args = ["chat", "What's the weather in Paris?", "--model", model, "--surface", "responses", "--verbose"];
        var result = await RunAsync(noStream ? [.. args, "--no-stream"] : args);

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("thinking\nThe user wants Paris weather.\n\nLet me check.\n→ get_weather({\"location\":\"Paris, France\"})\n", result.Out);
        Assert.StartsWith("finish reason completed; usage input 20, output 9, total 29 tokens", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HideThinkingLeavesTheSummaryOut()
    {
        var result = await RunAsync("chat", "x", "--model", "responses-reasoning-stream", "--surface", "responses", "--hide-thinking");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("Let me check.\n→ get_weather({\"location\":\"Paris, France\"})\n", result.Out);
    }

    [Fact]
    public async Task AnyPromptGetsTheRecordedGatewaysStandIn()
    {
        var result = await RunAsync("chat", "Not a cassette's prompt.", "--model", "gpt-5.2", "--surface", "responses", "--system", "Be brief.", "--verbose");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.StartsWith("This is a stand-in answer from the recorded gateway", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("replay a real answer.\n", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("finish reason completed; usage input ", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task JsonPrintsTheFinalResponse(bool noStream)
    {
        string[] args = ["chat", "Count to five.", "--model", "claude-sonnet-4-6", "--surface", "responses", "--json"];
        var result = await RunAsync(noStream ? [.. args, "--no-stream"] : args);

        Assert.True(result.Exit == 0, result.ToString());
        var response = JsonDocument.Parse(result.Out).RootElement.GetProperty("response");
        Assert.Equal("response", response.GetProperty("object").GetString());
        Assert.Equal("completed", response.GetProperty("status").GetString());
        var text = response.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString();
        // Streamed, the embedded responses-stream cassette answers; whole, the stand-in does.
        if (noStream) Assert.StartsWith("This is a stand-in answer", text, StringComparison.Ordinal);
        else Assert.Equal("1, 2, 3, 4, 5.", text);
        Assert.True(response.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task AFailedStreamIsATypedErrorOnItsOwnLine()
    {
        var result = await RunAsync("chat", "Write a haiku about the sea.", "--model", "responses-stream-failed", "--surface", "responses");

        Assert.Equal(1, result.Exit);
        Assert.Equal("The sea\n", result.Out);
        Assert.StartsWith("error: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("The upstream model stopped responding.", result.Err, StringComparison.Ordinal);
        Assert.Contains("hint: the model failed mid-answer", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATruncatedStreamSaysSo()
    {
        var result = await RunAsync("chat", "x", "--model", "responses-truncated", "--surface", "responses");

        Assert.Equal(1, result.Exit);
        Assert.Equal("Half an ans\n", result.Out);
        Assert.Contains("hint: the connection ended before the answer did", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorBeforeTheAnswerIsTyped()
    {
        var result = await RunAsync("chat", "x", "--model", "responses-error-503-model-not-found", "--surface", "responses", "--no-retry");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("error: ezrouter returned HTTP 503", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChatClientHasNoResponsesRoute()
    {
        var result = await RunAsync("chat", "x", "--model", "gpt-5.2", "--surface", "responses", "--via", "chat-client");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("not the Responses API", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
