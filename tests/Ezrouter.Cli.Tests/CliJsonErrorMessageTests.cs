using System.Text.Json;
using Ezrouter.Testing;

namespace Ezrouter.Cli.Tests;

/// <summary>
/// Issue 13, item 5: with --json, <c>error.message</c> is the gateway's own message with the request-id suffixes
/// removed, or null when the body had none; the decorated one-liner (status, type/code, message, request id) goes to
/// stderr only, and --help says so. Nothing else of the --json contract or the exit codes changes.
/// </summary>
public sealed class CliJsonErrorMessageTests : IAsyncLifetime
{
    private RecordedGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(int Exit, JsonElement Error, string Err)> FailAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["--base-url", _gateway.BaseUrl.ToString(), .. args], stdout, stderr);
        var text = stdout.ToString().Trim();
        Assert.DoesNotContain('\n', text);
        return (exit, JsonDocument.Parse(text).RootElement.GetProperty("error").Clone(), stderr.ToString());
    }

    [Fact]
    public async Task MessageIsTheGatewaysOwnWithoutTheRequestIdSuffix()
    {
        // Act
        var (exit, error, stderr) = await FailAsync("chat", "Hi", "--model", "error-503-model-not-found", "--no-stream", "--json");

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal("No available channel for model error-503-model-not-found under group default (distributor)", error.GetProperty("message").GetString());
        Assert.Equal("20261121093211804315603TgQGlfbw", error.GetProperty("request_id").GetString());
        // The human line on stderr keeps everything together.
        Assert.Contains("\nerror: ezrouter returned HTTP 503 (new_api_error/model_not_found): No available channel", "\n" + stderr);
        Assert.Contains("[request id: 20261121093211804315603TgQGlfbw]", stderr);
    }

    [Fact]
    public async Task BothSuffixesOfAGatewayBehindAGatewayAreRemoved()
    {
        // Act
        var (exit, error, _) = await FailAsync("chat", "Hi", "--model", "anthropic-error-double-request-id", "--surface", "anthropic", "--no-stream", "--json");

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal("prompt is too long: 215384 tokens > 200000 maximum", error.GetProperty("message").GetString());
        Assert.Equal("202611210934311148367904uzkmvMy", error.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task MessageIsNullWhenTheBodyHadNone()
    {
        // Act: the stream stops without finish_reason or [DONE]; no error body arrives.
        var (exit, error, stderr) = await FailAsync("chat", "Tell me a long story.", "--model", "deepseek-v4-flash", "--json");

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal("truncated", error.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("message").ValueKind);
        Assert.StartsWith("error: ", stderr);
    }

    [Fact]
    public async Task AMidStreamErrorGivesTheUpstreamsMessage()
    {
        // Act
        var (exit, error, _) = await FailAsync("chat", "Write a haiku about the sea.", "--model", "kimi-k2.6", "--json");

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal("The engine is currently overloaded, please try again later", error.GetProperty("message").GetString());
    }

    [Fact]
    public void FailureWritesGatewayMessageOrNull()
    {
        // Arrange
        var withMessage = new EzrouterServerException(new EzrouterErrorDetails { StatusCode = 500, ErrorType = "new_api_panic", GatewayMessage = "Panic detected\nsecond line", RequestId = "r1" });
        var withoutMessage = new EzrouterServerException(new EzrouterErrorDetails { StatusCode = 502, Summary = "the response was an HTML page" });

        // Act
        var first = JsonDocument.Parse(CliJson.Failure(withMessage)).RootElement.GetProperty("error");
        var second = JsonDocument.Parse(CliJson.Failure(withoutMessage)).RootElement.GetProperty("error");

        // Assert
        Assert.Equal("Panic detected\nsecond line", first.GetProperty("message").GetString());
        Assert.Equal("r1", first.GetProperty("request_id").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("message").ValueKind);
        Assert.Equal(502, second.GetProperty("status").GetInt32());
        Assert.Equal(["outcome", "exception", "status", "type", "code", "message", "request_id"], second.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData]
    [InlineData("chat")]
    [InlineData("models")]
    [InlineData("count-tokens")]
    public async Task HelpSaysTheOneLineSummaryGoesToStderr(params string[] command)
    {
        // Arrange
        var stdout = new StringWriter();

        // Act
        var exit = await CliApp.RunAsync([.. command, "--help"], stdout, new StringWriter());

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("one-line", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("stderr", stdout.ToString(), StringComparison.Ordinal);
        if (command.Length > 0) Assert.Contains("message is the gateway's own message or null", stdout.ToString(), StringComparison.Ordinal);
    }
}
