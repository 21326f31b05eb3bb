using System.Runtime.InteropServices;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// Issue 14, items 2 and 5: every failure is one or two lines on stderr (an error, then a hint), never a stack
/// trace, with exit code 1, or 2 for a usage error. Each row runs the CLI as a process; the rows run in parallel.
/// </summary>
public sealed class BadInputTests(GatewayProcessFixture gateway) : IClassFixture<GatewayProcessFixture>
{
    /// <summary>A row: the arguments, the exit code, a text the error or hint must contain, and the environment.</summary>
    private sealed record Row(string[] Args, int Exit, string Says, bool ToGateway = false, string? Stdin = null);

    [Fact]
    public async Task EveryBadInputGivesAnErrorAndAHintWithoutAStackTrace()
    {
        // Arrange
        using var folders = new BadFolders();
        var busyPort = gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Row[] rows =
        [
            // recorded-gateway
            new(["recorded-gateway", "--port", "-5"], 2, "--port must be 0 to 65535"),
            new(["recorded-gateway", "--port", "70000"], 2, "--port must be 0 to 65535"),
            new(["recorded-gateway", "--port", "eighty"], 2, "--port"),
            new(["recorded-gateway", "--port", busyPort], 1, "pick another --port"),
            new(["recorded-gateway", "--cassettes", "/nonexistent"], 2, "no folder '/nonexistent'"),
            new(["recorded-gateway", "--cassettes", ""], 2, "--cassettes"),
            new(["recorded-gateway", "--cassettes", folders.Malformed], 1, "broken.json"),
            new(["recorded-gateway", "--cassettes", folders.NotACassette], 1, "cassette"),
            new(["recorded-gateway", "--base-url", "http://x"], 2, "--base-url"),
            new(["--api-key", "k", "recorded-gateway"], 2, "--api-key does not apply"),
            new(["recorded-gateway", "--tier", "free"], 2, "--tier applies to --profile ezai"),
            new(["recorded-gateway", "--profile", "ezai", "--tier", "gold"], 2, "--tier 'gold' is not an EzAI tier"),
            new(["recorded-gateway", "--profile", "ezai", "--tier", "7"], 2, "use one of: free, topup"),
            new(["recorded-gateway", "--profile", "openai", "--tier", "free"], 2, "--profile names no gateway profile"),
            new(["recorded-gateway", "--profile", "ezai", "--tier", "free", "--rate-window", "0"], 2, "--rate-window must be more than 0"),
            new(["recorded-gateway", "--profile", "ezai", "--tier", "free", "--rate-window", "soon"], 2, "--rate-window"),
            new(["recorded-gateway", "--rate-window", "5"], 2, "--rate-window applies only with --tier"),
            // parse errors name the option
            new(["frobnicate"], 2, "frobnicate"),
            new(["chat", "hi"], 2, "--model"),
            new(["chat", "--model", "m"], 2, "<prompt>"),
            new(["chat", "", "--model", "m"], 2, "<prompt> is empty"),
            new(["chat", "   ", "--model", "m"], 2, "<prompt> is empty"),
            new(["chat", "hi", "--model", ""], 2, "--model is empty"),
            new(["chat", "hi", "--model", "m", "--surface", "gemini"], 2, "--surface"),
            new(["chat", "hi", "--model", "m", "--max-tokens", "0"], 2, "--max-tokens must be more than 0"),
            new(["chat", "hi", "--model", "m", "--max-tokens", "many"], 2, "--max-tokens"),
            new(["chat", "hi", "--model", "m", "--timeout", "abc"], 2, "--timeout"),
            new(["chat", "hi", "--model", "m", "--timeout", "-1"], 2, "--timeout must be more than 0"),
            new(["chat", "hi", "--model", "m", "--max-retries", "11"], 2, "--max-retries must be 0 to 10"),
            new(["chat", "hi", "--model", "m", "--no-retry", "--max-retries", "2"], 2, "contradict"),
            new(["models", "--json", "--bogus"], 2, "--bogus"),
            // base URL and key, before any request
            new(["--base-url", "not-a-url", "models"], 2, "--base-url 'not-a-url' is not an absolute URL"),
            new(["models", "--base-url", "ftp://host.example"], 2, "not http or https"),
            new(["models", "--base-url", "https://www.ezrouter.dev/v1", "--api-key", "k"], 2, "--base-url https://www.ezrouter.dev"),
            new(["models", "--base-url", "https://gw.example/anthropic", "--api-key", "k"], 2, "--base-url https://gw.example"),
            new(["models", "--base-url", "https://gw.example/anthropic/v1/", "--api-key", "k"], 2, "--base-url https://gw.example"),
            new(["models"], 2, "EZROUTER_API_KEY"),
            new(["chat", "hi", "--model", "m", "--base-url", "https://gw.example"], 2, "EZROUTER_API_KEY"),
            new(["models", "--base-url", "http://gateway.example.invalid", "--api-key", "k"], 1, "--allow-insecure-http"),
            // failures of the call: connection, TLS (https to a plain-http port), gateway errors
            new(["models", "--base-url", "http://127.0.0.1:1", "--no-retry"], 1, "Connection refused"),
            new(["models", "--base-url", gateway.BaseUrl.Replace("http://", "https://", StringComparison.Ordinal), "--no-retry"], 1, "(cause: AuthenticationException: "),
            new(["chat", "hi", "--model", "error-503-model-not-found", "--no-stream"], 1, "ezrouter models", ToGateway: true),
            new(["chat", "hi", "--model", "error-401-invalid-token", "--no-stream"], 1, "--api-key", ToGateway: true),
            new(["chat", "hi", "--model", "error-429-rate-limit", "--no-retry"], 1, "--max-retries", ToGateway: true),
            new(["chat", "Tell me a long story.", "--model", "deepseek-v4-flash"], 1, "--no-stream", ToGateway: true),
            new(["chat", "Write a haiku about the sea.", "--model", "kimi-k2.6"], 1, "mid-answer", ToGateway: true),
            new(["chat", "hi", "--model", "error-500-panic", "--no-stream", "--no-retry"], 1, "request id", ToGateway: true),
            new(["chat", "-", "--model", "error-413-body-too-large", "--no-stream"], 1, "shorten", ToGateway: true, Stdin: new string('x', 1024 * 1024)),
            new(["chat", "-", "--model", "m"], 2, "stdin is empty", ToGateway: true, Stdin: ""),
            new(["chat", "hi", "--model", "m", "--via", "chat-client", "--surface", "responses"], 2, "--via chat-client goes through", ToGateway: true),
            new(["chat", "hi", "--model", "m", "--via", "gpt"], 2, "--via"),
            // --allow-insecure-http lets the call go out: what fails then is the name lookup, not the refusal.
            new(["models", "--base-url", "http://gateway.example.invalid", "--api-key", "sk-test", "--allow-insecure-http", "--no-retry"], 1, "check --base-url (host and port)"),
            // tour
            new(["tour", "--base-url", "not-a-url"], 2, "--base-url 'not-a-url' is not an absolute URL"),
            new(["tour", "--base-url", "https://www.ezrouter.dev/v1", "--api-key", "k"], 2, "--base-url https://www.ezrouter.dev"),
            new(["tour", "--base-url", "http://127.0.0.1:1"], 1, "Connection refused"),
            new(["tour", "--profile", "bogus", "--api-key", "k"], 2, "--profile names no gateway profile: 'bogus'"),
            new(["tour", "--timeout", "5"], 2, "--timeout"),
            // count-tokens
            new(["count-tokens", "", "--model", "m"], 2, "<prompt> is empty"),
            new(["count-tokens", "hi"], 2, "--model"),
            new(["count-tokens", "hi", "--model", "m"], 2, "EZROUTER_API_KEY"),
            new(["count-tokens", "hi", "--model", "claude-sonnet-4-6"], 1, "--profile ezai", ToGateway: true),
            new(["count-tokens", "hi", "--model", "m", "--max-retries", "x"], 2, "--max-retries"),
        ];
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Environment.UserName != "root")
            rows = [.. rows, new(["recorded-gateway", "--cassettes", folders.Unreadable], 1, "permissions")];

        // Act
        using var slots = new SemaphoreSlim(4);
        var results = await Task.WhenAll(rows.Select(async row =>
        {
            await slots.WaitAsync();
            try
            {
                var result = await CliProcess.RunAsync(row.Args, row.ToGateway ? gateway.Environment : null, row.Stdin ?? "");
                return (row, result);
            }
            finally
            {
                slots.Release();
            }
        }));

        // Assert
        Assert.True(rows.Length >= 30);
        var failures = results.Select(r => Check(r.row, r.result)).OfType<string>().ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static string? Check(Row row, CliProcess.Result result)
    {
        var lines = result.Err.TrimEnd('\n').Split('\n');
        var problem =
            result.Err.Contains("   at ", StringComparison.Ordinal) || result.Out.Contains("   at ", StringComparison.Ordinal) ? "a stack trace"
            : result.Exit != row.Exit ? $"exit {result.Exit}, expected {row.Exit}"
            : lines.Length is < 2 ? "no hint line"
            : !lines[^2].StartsWith("error: ", StringComparison.Ordinal) ? "the second-to-last line is not the error"
            : !lines[^1].StartsWith("hint: ", StringComparison.Ordinal) || lines[^1].Length <= "hint: ".Length + 5 ? "the last line is not a hint"
            : lines.Count(l => !l.StartsWith("retrying in ", StringComparison.Ordinal)) > 2 ? "more than two lines"
            : !result.Err.Contains(row.Says, StringComparison.Ordinal) ? $"does not say '{row.Says}'"
            : result.Err.Contains("inner exception", StringComparison.OrdinalIgnoreCase) ? "it points at an inner exception instead of saying it"
            : null;
        return problem is null ? null : $"`{string.Join(' ', row.Args.Select(a => a.Length > 60 ? a[..20] + "…" : a))}`: {problem}\n{result}";
    }

    /// <summary>Folders that break a cassette load: bad JSON, JSON that is no cassette, no permission to read.</summary>
    private sealed class BadFolders : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "ezrouter-cli-bad-" + Guid.NewGuid().ToString("N"));

        public BadFolders()
        {
            Directory.CreateDirectory(Malformed);
            File.WriteAllText(Path.Combine(Malformed, "broken.json"), "{\"name\": \"broken\", \"interactions\": [");
            Directory.CreateDirectory(NotACassette);
            File.WriteAllText(Path.Combine(NotACassette, "list.json"), "[1, 2, 3]");
            Directory.CreateDirectory(Unreadable);
            File.WriteAllText(Path.Combine(Unreadable, "a.json"), "{}");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Unreadable, UnixFileMode.None);
        }

        public string Malformed => Path.Combine(_root, "malformed");

        public string NotACassette => Path.Combine(_root, "not-a-cassette");

        public string Unreadable => Path.Combine(_root, "unreadable");

        public void Dispose()
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Unreadable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(_root, recursive: true);
        }
    }
}
