using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Replay;

/// <summary>
/// A request no cassette matches gets what the gateway would answer any client (docs/gateway-behavior.md §2-§7, §13,
/// §19), unless replay is strict.
/// </summary>
public sealed partial class DefaultAnswerTests
{
    private const string StandIn = "This is a stand-in answer from the recorded gateway (Ezrouter.Testing): "
        + "no cassette holds this request, so no model was called. Add a cassette, or record one, to replay a real answer.";

    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"Tell me a joke."}]}""", "msg_01")]
    [InlineData("""{"model":"gpt-5.2","stream":false,"messages":[{"role":"user","content":"Tell me a joke."}]}""", "chatcmpl-")]
    [InlineData("""{"model":"kimi-k2.6","stream":true,"messages":[{"role":"user","content":"Tell me a joke."}]}""", "chatcmpl-")]
    public async Task ChatIsAlwaysSseWithChunksUsageThenDone(string body, string idPrefix)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", body));
        var text = (await Wire.ReadAllAsync(response)).Text;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", Wire.Header(response, "Content-Type"));
        Assert.Equal("default-chat", Wire.Header(response, "X-Cassette"));
        Assert.Equal("v0.9.6", Wire.Header(response, "X-New-Api-Version"));
        Assert.Matches(RequestIdPattern(), Wire.Header(response, "X-Oneapi-Request-Id"));
        Assert.EndsWith("\n\ndata: [DONE]\n\n", text, StringComparison.Ordinal);
        var chunks = Chunks(text);
        Assert.All(chunks, c => Assert.StartsWith(idPrefix, c.GetProperty("id").GetString(), StringComparison.Ordinal));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var content = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var x) ? x.GetString() : null));
        Assert.Equal(StandIn, content);
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var usage = chunks[^1].GetProperty("usage");
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(
            usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal("default-chat", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task ChatLeavesOutTheUsageChunkWhenTheRequestTurnsItOff()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        const string Body = """{"model":"glm-5.1","stream":true,"stream_options":{"include_usage":false},"messages":[{"role":"user","content":"x"}]}""";

        using var response = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", Body));
        var chunks = Chunks((await Wire.ReadAllAsync(response)).Text);

        Assert.All(chunks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task MessagesWithoutStreamGetAMessageJson()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        const string Body = """{"model":"claude-sonnet-4-6","max_tokens":64,"messages":[{"role":"user","content":"Tell me a joke."}]}""";

        using var response = await Wire.SendAsync(client, Wire.Post("anthropic/v1/messages", Body));
        using var message = JsonDocument.Parse((await Wire.ReadAllAsync(response)).Bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", Wire.Header(response, "Content-Type"));
        Assert.Equal("default-message", Wire.Header(response, "X-Cassette"));
        var root = message.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("claude-sonnet-4-6", root.GetProperty("model").GetString());
        Assert.StartsWith("msg_01", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(StandIn, root.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("end_turn", root.GetProperty("stop_reason").GetString());
        Assert.True(root.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
    }

    [Theory]
    [InlineData("claude-opus-4-7", "\n\n\n", true)]
    [InlineData("gpt-5.2", "\n\n", false)]
    public async Task MessagesWithStreamGetTheEventStreamFramedAsTheGatewayFramesIt(string model, string frameEnd, bool ping)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        var body = $$"""{"model":"{{model}}","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Tell me a joke."}]}""";

        using var response = await Wire.SendAsync(client, Wire.Post("anthropic/v1/messages", body));
        var text = (await Wire.ReadAllAsync(response)).Text;

        Assert.Equal("text/event-stream", Wire.Header(response, "Content-Type"));
        Assert.Equal("default-message-stream", Wire.Header(response, "X-Cassette"));
        var events = text.Split(frameEnd, StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.Matches("^event: [a-z_]+\ndata: \\{.*\\}$", e));
        var types = events.Select(e => e.Split('\n')[0]["event: ".Length..]).Distinct().ToList();
        var expected = new List<string> { "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop" };
        if (ping)
        {
            expected.Insert(2, "ping");
        }

        Assert.Equal(expected, types);
        var deltas = events.Where(e => e.StartsWith("event: content_block_delta", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e.Split("data: ")[1]).RootElement.GetProperty("delta").GetProperty("text").GetString());
        Assert.Equal(StandIn, string.Concat(deltas));
    }

    [Theory]
    [InlineData("v1/chat/completions")]
    [InlineData("anthropic/v1/messages")]
    public async Task AModelOutsideTheCatalogGetsTheGateways503(string path)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        const string Body = """{"model":"no<such>model","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await Wire.SendAsync(client, Wire.Post(path, Body));
        var text = (await Wire.ReadAllAsync(response)).Text;

        var id = Wire.Header(response, "X-Oneapi-Request-Id");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", Wire.Header(response, "Content-Type"));
        Assert.Equal("default-model-not-found", Wire.Header(response, "X-Cassette"));
        Assert.Equal(
            "{\"error\":{\"code\":\"model_not_found\",\"message\":\"No available channel for model no\\u003csuch\\u003emodel under group default (distributor) (request id: " + id + ")\",\"type\":\"new_api_error\"}}",
            text);
    }

    [Fact]
    public async Task ADatedSnapshotsAliasIsInTheCatalog()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post(
            "v1/chat/completions", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Not a cassette's prompt."}]}"""));

        Assert.Equal("default-chat", Wire.Header(response, "X-Cassette"));
    }

    [Theory]
    [InlineData("GET", "dashboard")]
    [InlineData("POST", "messages")]
    [InlineData("GET", "anthropic/v3/models")]
    public async Task APathOutsideTheApiGetsTheWebPage(string method, string path)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        var page = Cassette.LoadEmbedded().Single(c => c.Name == "html-unknown-path").Interactions[0].Response.Body;

        using var response = await Wire.SendAsync(client, new HttpRequestMessage(new HttpMethod(method), path));
        var text = (await Wire.ReadAllAsync(response)).Text;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", Wire.Header(response, "Content-Type"));
        Assert.Equal("default-web-page", Wire.Header(response, "X-Cassette"));
        Assert.Equal(page, text);
    }

    [Theory]
    [InlineData("v1/chat/completion", "{\"error\":{\"message\":\"Invalid URL (POST /v1/chat/completion)\",\"type\":\"invalid_request_error\",\"param\":\"\",\"code\":\"\"}}")]
    [InlineData("anthropic/v1/message", "{\"error\":{\"message\":\"Invalid URL (POST /v1/message)\",\"type\":\"invalid_request_error\",\"param\":\"\",\"code\":\"\"}}")]
    public async Task AnUnknownApiPathGetsTheGateways404(string path, string expected)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post(path, "{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("default-invalid-url", Wire.Header(response, "X-Cassette"));
        Assert.Equal(expected, (await Wire.ReadAllAsync(response)).Text);
    }

    [Theory]
    [InlineData("v1/chat/completions", """{"model":"gpt-5.2"}""")]
    [InlineData("v1/chat/completions", """{"model":"gpt-5.2","messages":[]}""")]
    [InlineData("anthropic/v1/messages", """{"model":42,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("v1/embeddings", """{"model":"gpt-5.2","input":"hi"}""")]
    public async Task ARequestTheGatewaysAnswerCannotBeToldForKeepsTheDiagnostic(string path, string body)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post(path, body));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-match", Wire.Header(response, "X-Recorded-Gateway"));
    }

    [Theory]
    [InlineData("v1/chat/completions", """{"model":"gpt-5.2","messages":[{"role":"user","content":"Not a cassette's prompt."}]}""")]
    [InlineData("v1/chat/completions", """{"model":"nope","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("dashboard", "{}")]
    public async Task StrictReplayAnswersEveryUnmatchedRequestWithTheDiagnostic(string path, string body)
    {
        await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions { Strict = true });
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post(path, body));
        var text = (await Wire.ReadAllAsync(response)).Text;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"type\":\"recorded_gateway_no_match\"", text, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Cassette"));
    }

    [Fact]
    public async Task TheCatalogIsTheLoadedModelList()
    {
        // A gateway whose own model list names one model serves that model, and only that one.
        var list = Cassette.Load("""
            {"name":"my-models","interactions":[{"request":{"method":"GET","path":"/v1/models"},
             "response":{"status":200,"json":{"object":"list","success":true,"data":[{"id":"my-model","object":"model"}]}}}]}
            """);
        await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions { IncludeEmbedded = false, Cassettes = [list] });
        using var client = Wire.Client(gateway);
        const string Template = """{"model":"MODEL","messages":[{"role":"user","content":"hi"}]}""";

        using var mine = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", Template.Replace("MODEL", "my-model", StringComparison.Ordinal)));
        using var embedded = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", Template.Replace("MODEL", "gpt-5.2", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, embedded.StatusCode);
    }

    [Fact]
    public async Task EveryRecordedModelListIsRouted_SoEzAiModelsAnswerAnyPromptAtEitherMessagesPath()
    {
        // ezai-models-list answers only its own key, yet its models are ones a recorded gateway serves: a prompt no
        // cassette holds gets the stand-in answer for a model only EzAI lists, on chat and on the root Messages path
        // EzAI uses, as for one only ezrouter lists; a model neither lists is still a 503.
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        const string Chat = """{"model":"MODEL","messages":[{"role":"user","content":"Not a cassette's prompt."}]}""";
        const string Message = """{"model":"MODEL","max_tokens":64,"messages":[{"role":"user","content":"Not a cassette's prompt."}]}""";

        using var ezaiOnly = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", Chat.Replace("MODEL", "grok-code-fast-1", StringComparison.Ordinal)));
        using var ezrouterOnly = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", Chat.Replace("MODEL", "kimi-k2.6", StringComparison.Ordinal)));
        using var neither = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", Chat.Replace("MODEL", "no-such-model", StringComparison.Ordinal)));
        using var rootMessage = await Wire.SendAsync(client, Wire.Post("v1/messages", Message.Replace("MODEL", "claude-sonnet-4-5", StringComparison.Ordinal)));

        Assert.Equal("default-chat", Wire.Header(ezaiOnly, "X-Cassette"));
        Assert.Equal("default-chat", Wire.Header(ezrouterOnly, "X-Cassette"));
        Assert.Equal("default-model-not-found", Wire.Header(neither, "X-Cassette"));
        Assert.Equal("default-message", Wire.Header(rootMessage, "X-Cassette"));
    }

    [Fact]
    public async Task WithoutAModelListTheEmbeddedCatalogApplies()
    {
        await using var gateway = await TestCassettes.StartAsync(TestCassettes.Chat("only", """{"model":"m"}""", TestCassettes.Text(200, "x")));
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post(
            "v1/chat/completions", """{"model":"deepseek-v4-pro","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal("default-chat", Wire.Header(response, "X-Cassette"));
    }

    private static List<JsonElement> Chunks(string sse) =>
        sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e["data: ".Length..])
            .Where(d => d != "[DONE]")
            .Select(d => JsonDocument.Parse(Encoding.UTF8.GetBytes(d)).RootElement.Clone())
            .ToList();

    // Gateway (docs/gateway-behavior.md §14): UTC yyyyMMddHHmmss, digits, then 8 alphanumerics.
    [GeneratedRegex("^20[0-9]{12}[0-9]{1,9}[A-Za-z0-9]{8}$")]
    private static partial Regex RequestIdPattern();
}
