using System.Net;
using System.Text.Json;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Replay;

public sealed class SelectionTests
{
    [Fact]
    public async Task SequenceAdvancesThenItsLastInteractionRepeats()
    {
        // Arrange: redeploy-502-then-success answers 502 once, then success.
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        const string Body = """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Say hi."}]}""";

        // Act
        var statuses = new List<HttpStatusCode>();
        var diagnostics = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(Wire.Post("v1/chat/completions", Body));
            statuses.Add(response.StatusCode);
            diagnostics.Add(Wire.Header(response, "X-Recorded-Gateway"));
        }

        // Assert
        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(["redeploy-502-then-success#0", "redeploy-502-then-success#1", "redeploy-502-then-success#1"], diagnostics);
    }

    [Fact]
    public async Task ResetRewindsSequencesAndClearsRequests()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        const string Body = """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Say hi."}]}""";
        (await client.SendAsync(Wire.Post("v1/chat/completions", Body))).Dispose();

        gateway.Reset();
        using var response = await client.SendAsync(Wire.Post("v1/chat/completions", Body));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task SequencesAreIndependentPerGatewayInstance()
    {
        await using var first = await RecordedGateway.StartAsync();
        await using var second = await RecordedGateway.StartAsync();
        const string Body = """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Say hi."}]}""";
        using var client1 = Wire.Client(first);
        using var client2 = Wire.Client(second);

        (await client1.SendAsync(Wire.Post("v1/chat/completions", Body))).Dispose();
        using var response = await client2.SendAsync(Wire.Post("v1/chat/completions", Body));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task XCassetteHeaderSelectsACassetteWhateverTheRequest()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("X-Cassette", "error-500-panic");

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("new_api_panic", body, StringComparison.Ordinal);
        Assert.Equal("error-500-panic#0", Wire.Header(response, "X-Recorded-Gateway"));
    }

    [Fact]
    public async Task MostSpecificCassetteWins()
    {
        await using var gateway = await TestCassettes.StartAsync(
            TestCassettes.Chat("a-broad", """{"model":"m"}""", TestCassettes.Text(200, "broad")),
            TestCassettes.Chat("z-narrow", """{"model":"m","stream":true}""", TestCassettes.Text(200, "narrow")));
        using var client = Wire.Client(gateway);

        using var streaming = await client.SendAsync(Wire.Post("v1/chat/completions", """{"model":"m","stream":true}"""));
        using var plain = await client.SendAsync(Wire.Post("v1/chat/completions", """{"model":"m"}"""));

        Assert.Equal("narrow", await streaming.Content.ReadAsStringAsync());
        Assert.Equal("broad", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EqualSpecificityIsBrokenByOrdinalName()
    {
        await using var gateway = await TestCassettes.StartAsync(
            TestCassettes.Chat("b-second", """{"model":"m"}""", TestCassettes.Text(200, "b")),
            TestCassettes.Chat("a-first", """{"stream":false}""", TestCassettes.Text(200, "a")));
        using var client = Wire.Client(gateway);

        using var response = await client.SendAsync(Wire.Post("v1/chat/completions", """{"model":"m"}"""));

        Assert.Equal("a", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InMemoryCassetteOverridesAnEmbeddedOneWithTheSameName()
    {
        var replacement = TestCassettes.Chat("chat-nonstream-sse", """{"model":"m"}""", TestCassettes.Text(200, "mine"));
        await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions { Cassettes = [replacement] });
        using var client = Wire.Client(gateway);

        using var response = await client.SendAsync(Wire.Post("v1/chat/completions", """{"model":"m"}"""));

        Assert.Equal("mine", await response.Content.ReadAsStringAsync());
        Assert.Single(gateway.Cassettes, c => c.Name == "chat-nonstream-sse");
    }

    [Fact]
    public async Task UnmatchedRequestGets404NamingTheClosestCassette()
    {
        // Arrange: chat-stream-usage's matcher, but another model; strict, so the diagnostic replaces the gateway's 503.
        await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions { Strict = true });
        using var client = Wire.Client(gateway);
        var request = Wire.Post(
            "v1/chat/completions",
            """{"model":"claude-sonnet-4-7","stream":true,"messages":[{"role":"user","content":"Count to five."}]}""");

        // Act
        using var response = await client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-match", Wire.Header(response, "X-Recorded-Gateway"));
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("recorded_gateway_no_match", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
        Assert.Equal(
            "recorded gateway: no cassette matches POST /v1/chat/completions {model=claude-sonnet-4-7, stream=true}; closest: chat-stream-usage (differs in: model)",
            error.GetProperty("message").GetString());
        Assert.Null(Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task UnknownXCassetteNameIsANoMatch()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        var request = Wire.Post("v1/chat/completions", """{"model":"m"}""", ("X-Cassette", "does-not-exist"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no cassette named 'does-not-exist'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLogRedactsSecretHeaders()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("Authorization", "Bearer sk-live-1234567890");
        request.Headers.Add("X-Session-Token", "abc123456");
        request.Headers.Add("X-Trace", "visible");

        (await client.SendAsync(request)).Dispose();

        var logged = Assert.Single(gateway.Requests);
        Assert.Equal("REDACTED", logged.Headers["authorization"]);
        Assert.Equal("REDACTED", logged.Headers["X-Session-Token"]);
        Assert.Equal("visible", logged.Headers["X-Trace"]);
        Assert.Equal("models-list", logged.CassetteName);
    }

    [Fact]
    public async Task ServerListensOnLoopbackOnly()
    {
        await using var gateway = await RecordedGateway.StartAsync();

        Assert.Equal("127.0.0.1", gateway.BaseUrl.Host);
        Assert.NotEqual(0, gateway.BaseUrl.Port);
        Assert.Equal("/", gateway.BaseUrl.AbsolutePath);
    }
}
