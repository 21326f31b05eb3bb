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

    private const string FeatureBody = """
        {"model":"m","tool_choice":{"type":"function","function":{"name":"get_weather"}},"metadata":{"a":"1","b":"2"},
         "thinking":{"type":"enabled","budget_tokens":2048},"stream_options":{"include_usage":false},
         "messages":[{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA==","detail":"low"}}]}]}
        """;

    // The request-side cassettes (issue 13, item 3) match a feature as one whole JSON value at its path: objects equal
    // whatever their key order, but not a subset or a superset; arrays in order; numbers by value.
    [Theory]
    [InlineData("tool_choice", """{"function":{"name":"get_weather"},"type":"function"}""", true)]
    [InlineData("tool_choice", """{"type":"function"}""", false)]
    [InlineData("tool_choice", """{"type":"function","function":{"name":"get_weather","strict":true}}""", false)]
    [InlineData("tool_choice", "\"required\"", false)]
    [InlineData("tool_choice.function.name", "\"get_weather\"", true)]
    [InlineData("metadata", """{"b":"2","a":"1"}""", true)]
    [InlineData("metadata", """{"a":"1","b":2}""", false)]
    [InlineData("thinking", """{"budget_tokens":2048.0,"type":"enabled"}""", true)]
    [InlineData("stream_options.include_usage", "false", true)]
    [InlineData("stream_options.include_usage", "null", false)]
    [InlineData("messages.0.content", """[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA==","detail":"low"}}]""", true)]
    [InlineData("messages.0.content", """[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA==","detail":"low"}},{"type":"text","text":"hi"}]""", false)]
    [InlineData("messages.0.content.-1.image_url.url", "\"data:image/png;base64,AA==\"", true)]
    [InlineData("messages.0.content.1.image_url.detail", "\"high\"", false)]
    public void FeatureEntriesMatchAsWholeJsonValues(string path, string expected, bool matches)
    {
        var matcher = new CassetteRequest
        {
            Method = "POST",
            Path = "/v1/chat/completions",
            Body = new Dictionary<string, JsonElement> { [path] = JsonDocument.Parse(expected).RootElement.Clone() },
        };

        var outcome = CassetteMatcher.Evaluate(matcher, Snapshot("POST", "/v1/chat/completions", FeatureBody));

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
