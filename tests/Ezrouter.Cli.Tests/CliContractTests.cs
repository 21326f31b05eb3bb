using System.Text.Json;
using Ezrouter.Testing;

namespace Ezrouter.Cli.Tests;

/// <summary>
/// The CLI's --json output and exit codes are a public contract: these tests pin them, running the real command
/// tree against the recorded gateway on loopback.
/// </summary>
public sealed class CliContractTests : IAsyncLifetime
{
    private RecordedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["--base-url", _gateway.BaseUrl.ToString(), .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Single(string stdout)
    {
        var text = stdout.Trim();
        Assert.DoesNotContain('\n', text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task ModelsJsonIsTheWireListWithRequestIdAndGatewayVersion()
    {
        var (exit, stdout, _) = await RunAsync("models", "--json");

        Assert.Equal(0, exit);
        var json = Single(stdout);
        var response = json.GetProperty("response");
        Assert.True(response.GetProperty("success").GetBoolean());
        Assert.Equal("claude-sonnet-4-6", response.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, response.GetProperty("data")[0].GetProperty("supported_endpoint_types").ValueKind);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("request_id").GetString()));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("gateway_version").GetString()));
    }

    [Fact]
    public async Task ModelsWithoutJsonPrintsATable()
    {
        var (exit, stdout, _) = await RunAsync("models");

        Assert.Equal(0, exit);
        Assert.Contains("claude-sonnet-4-6", stdout);
        Assert.Contains("anthropic, openai", stdout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatJsonReturnsTheFinalCompletionStreamedOrNot(bool noStream)
    {
        string[] args = noStream
            ? ["chat", "Hello!", "--model", "claude-sonnet-4-6", "--system", "You are a helpful assistant.", "--no-stream", "--json"]
            : ["chat", "Count to five.", "--model", "claude-sonnet-4-6", "--json"];

        var (exit, stdout, _) = await RunAsync(args);

        Assert.Equal(0, exit);
        var response = Single(stdout).GetProperty("response");
        Assert.Equal("chat.completion", response.GetProperty("object").GetString());
        var choice = response.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.False(string.IsNullOrEmpty(choice.GetProperty("message").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task ChatOnTheAnthropicSurfaceReturnsTheMessage()
    {
        var (exit, stdout, _) = await RunAsync("chat", "What's the weather in Paris?", "--model", "claude-sonnet-4-6", "--surface", "anthropic", "--json");

        Assert.Equal(0, exit);
        var response = Single(stdout).GetProperty("response");
        Assert.Equal("message", response.GetProperty("type").GetString());
        Assert.Contains(response.GetProperty("content").EnumerateArray(), b => b.GetProperty("type").GetString() == "tool_use");
    }

    [Fact]
    public async Task StreamingChatPrintsTokensToTheTerminal()
    {
        var (exit, stdout, _) = await RunAsync("chat", "Count to five.", "--model", "claude-sonnet-4-6");

        Assert.Equal(0, exit);
        Assert.Contains("1, 2, 3, 4, 5", stdout);
    }

    [Fact]
    public async Task FailureExitsOneWithALineOnStderrAndTheErrorObjectOnStdout()
    {
        var (exit, stdout, stderr) = await RunAsync("chat", "Hi", "--model", "error-503-model-not-found", "--no-stream", "--json");

        Assert.Equal(1, exit);
        // Issue 14: the one-line summary, then a hint.
        // The SDK retries a 503 model_not_found once; that wait is announced first.
        var lines = stderr.Trim().Split('\n').Where(l => !l.StartsWith("retrying in ")).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        var json = Single(stdout);
        var error = json.GetProperty("error");
        Assert.Equal("error", error.GetProperty("outcome").GetString());
        Assert.Equal("EzrouterModelNotFoundException", error.GetProperty("exception").GetString());
        Assert.Equal(503, error.GetProperty("status").GetInt32());
        Assert.Equal("new_api_error", error.GetProperty("type").GetString());
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("request_id").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("partial").ValueKind);
    }

    [Fact]
    public async Task TruncatedStreamReportsTruncatedWithThePartialCompletion()
    {
        var (exit, stdout, _) = await RunAsync("chat", "Tell me a long story.", "--model", "deepseek-v4-flash", "--json");

        Assert.Equal(1, exit);
        var json = Single(stdout);
        Assert.Equal("truncated", json.GetProperty("error").GetProperty("outcome").GetString());
        Assert.Equal("EzrouterStreamTruncatedException", json.GetProperty("error").GetProperty("exception").GetString());
        var partial = json.GetProperty("partial");
        Assert.False(string.IsNullOrEmpty(partial.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task MidStreamErrorReportsErrorWithThePartialCompletion()
    {
        var (exit, stdout, _) = await RunAsync("chat", "Write a haiku about the sea.", "--model", "kimi-k2.6", "--json");

        Assert.Equal(1, exit);
        var json = Single(stdout);
        Assert.Equal("error", json.GetProperty("error").GetProperty("outcome").GetString());
        Assert.Equal("EzrouterStreamException", json.GetProperty("error").GetProperty("exception").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("partial").ValueKind);
    }

    [Fact]
    public async Task UsageErrorsExitTwo()
    {
        var (exit, _, stderr) = await RunAsync("chat", "Hello!");

        Assert.Equal(2, exit);
        Assert.Contains("--model", stderr);
    }

    [Fact]
    public async Task TourRunsAgainstTheEmbeddedRecordedGatewayWithNoKey()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Environment.SetEnvironmentVariable("EZROUTER_API_KEY", null);
        Environment.SetEnvironmentVariable("EZROUTER_BASE_URL", null);

        var exit = await CliApp.RunAsync(["tour"], stdout, stderr);

        Assert.Equal(0, exit);
        var text = stdout.ToString();
        Assert.Contains("embedded recorded gateway", text);
        Assert.Contains("supported_endpoint_types", text);
        Assert.Contains("text/event-stream", text);
        Assert.Contains("tool_use get_weather", text);
        Assert.Contains("ezrouter recorded-gateway --port 8787", text);
        Assert.Contains("cache read", text);
        Assert.Contains("EzrouterModelNotFoundException", text);
        // The IChatClient step: Claude with a tool goes to Anthropic messages, and the call comes back whole.
        Assert.Contains("function call get_weather(location: Paris, France, unit: celsius)", text);
        Assert.Contains("routed by the catalog to Anthropic messages", text);
    }

    [Fact]
    public async Task RecordedGatewayCommandPrintsItsBaseUrlFirstAndServesUntilCancelled()
    {
        var stdout = new SignallingWriter();
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(["recorded-gateway"], stdout, new StringWriter(), stop.Token);

        var firstLine = await stdout.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using var http = new HttpClient();
        var models = await http.GetStringAsync(firstLine + "/v1/models");
        stop.Cancel();

        Assert.StartsWith("http://127.0.0.1:", firstLine);
        Assert.Contains("claude-sonnet-4-6", models);
        // Cancelled (in-process, the token stands for Ctrl+C): 130, as after SIGINT.
        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task ANonGatewayFailureStillPrintsTheErrorObjectWithJson()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["--base-url", "http://gateway.example.invalid", "--api-key", "k", "models", "--json"], stdout, stderr);

        Assert.Equal(1, exit);
        var error = Single(stdout.ToString()).GetProperty("error");
        Assert.Equal("error", error.GetProperty("outcome").GetString());
        Assert.Equal("InvalidOperationException", error.GetProperty("exception").GetString());
        Assert.Contains("plain http", error.GetProperty("message").GetString());
    }

    private sealed class SignallingWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // The CLI writes a line as its text, then the newline.
        public override void Write(string? value)
        {
            if (!string.IsNullOrEmpty(value) && value != NewLine) FirstLine.TrySetResult(value);
            base.Write(value);
        }
    }
}
