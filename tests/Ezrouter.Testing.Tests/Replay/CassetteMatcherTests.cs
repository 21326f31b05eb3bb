using System.Text;
using System.Text.Json;
using Ezrouter.Testing.Replay;

namespace Ezrouter.Testing.Tests.Replay;

public sealed class CassetteMatcherTests
{
    private const string Body = """{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":"hi"}],"n":1.0}""";

    [Theory]
    [InlineData("messages.1.content", "\"hi\"", true)]
    [InlineData("messages.-1.content", "\"hi\"", true)]
    [InlineData("messages.-2.role", "\"system\"", true)]
    [InlineData("messages.2.content", "null", true)]
    [InlineData("messages.5", "null", true)]
    [InlineData("stream", "false", true)]
    [InlineData("stream", "true", false)]
    [InlineData("tools", "false", false)]
    [InlineData("n", "1", true)]
    [InlineData("model", "\"M\"", false)]
    [InlineData("messages.x", "null", true)]
    public void BodyEntriesCompareAsJsonValues(string path, string expected, bool matches)
    {
        var matcher = new CassetteRequest
        {
            Method = "POST",
            Path = "/v1/chat/completions",
            Body = new Dictionary<string, JsonElement> { [path] = JsonDocument.Parse(expected).RootElement.Clone() },
        };

        var outcome = CassetteMatcher.Evaluate(matcher, Snapshot("POST", "/v1/chat/completions", Body));

        Assert.Equal(matches, outcome.IsMatch);
    }

    [Theory]
    [InlineData("anthropic-version", "*", true)]
    [InlineData("ANTHROPIC-VERSION", "2023-06-01", true)]
    [InlineData("anthropic-version", "2026-10-21", false)]
    [InlineData("anthropic-version", null, false)]
    [InlineData("x-absent", null, true)]
    [InlineData("x-absent", "*", false)]
    [InlineData("x-scenario", "TOOLS", true)]
    public void HeaderEntriesCompareCaseInsensitively(string name, string? expected, bool matches)
    {
        var matcher = new CassetteRequest
        {
            Method = "get",
            Path = "/v1/models",
            Headers = new Dictionary<string, string?> { [name] = expected },
        };
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["anthropic-version"] = "2023-06-01",
            ["x-api-key"] = "sk-test",
            ["x-scenario"] = "tools",
        };

        var outcome = CassetteMatcher.Evaluate(matcher, new RequestSnapshot("GET", "/v1/models", string.Empty, headers, []));

        Assert.Equal(matches, outcome.IsMatch);
    }

    [Fact]
    public void DifferencesNameEachField()
    {
        var matcher = new CassetteRequest
        {
            Method = "POST",
            Path = "/v1/messages",
            Body = new Dictionary<string, JsonElement>
            {
                ["model"] = JsonDocument.Parse("\"other\"").RootElement.Clone(),
                ["messages.1.content"] = JsonDocument.Parse("\"hi\"").RootElement.Clone(),
            },
            Headers = new Dictionary<string, string?> { ["x-scenario"] = "a" },
        };

        var outcome = CassetteMatcher.Evaluate(matcher, Snapshot("POST", "/v1/chat/completions", Body));

        Assert.False(outcome.MethodAndPathMatch);
        Assert.Equal(["path", "model", "header x-scenario"], outcome.Differences);
        Assert.Equal(1, outcome.Specificity);
    }

    [Fact]
    public void NonJsonBodyMatchesOnlyNullAndNonStream()
    {
        var snapshot = Snapshot("POST", "/v1/chat/completions", "not json");
        var stream = new CassetteRequest
        {
            Method = "POST",
            Path = "/v1/chat/completions",
            Body = new Dictionary<string, JsonElement> { ["stream"] = JsonDocument.Parse("false").RootElement.Clone() },
        };
        var model = new CassetteRequest
        {
            Method = "POST",
            Path = "/v1/chat/completions",
            Body = new Dictionary<string, JsonElement> { ["model"] = JsonDocument.Parse("\"m\"").RootElement.Clone() },
        };

        Assert.True(CassetteMatcher.Evaluate(stream, snapshot).IsMatch);
        Assert.False(CassetteMatcher.Evaluate(model, snapshot).IsMatch);
    }

    private static RequestSnapshot Snapshot(string method, string path, string body) =>
        new(method, path, string.Empty, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes(body));
}
