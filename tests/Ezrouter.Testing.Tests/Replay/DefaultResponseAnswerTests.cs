using System.Net;
using System.Text.Json;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Replay;

/// <summary>
/// A Responses API request no cassette matches gets the stand-in in the gateway's wire format
/// (docs/gateway-behavior.md §22): a response JSON, or the named-event stream when <c>stream</c> is true.
/// </summary>
public sealed class DefaultResponseAnswerTests
{
    private const string StandIn = "This is a stand-in answer from the recorded gateway (Ezrouter.Testing): "
        + "no cassette holds this request, so no model was called. Add a cassette, or record one, to replay a real answer.";

    [Theory]
    [InlineData("""{"model":"gpt-5.2","input":"Tell me a joke.","instructions":"Be brief.","max_output_tokens":64}""")]
    [InlineData("""{"model":"claude-sonnet-4-6","stream":false,"input":[{"role":"user","content":"Tell me a joke."}]}""")]
    public async Task WithoutStreamItIsOneCompletedResponse(string body)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        using var request = JsonDocument.Parse(body);

        using var response = await Wire.SendAsync(client, Wire.Post("v1/responses", body));
        using var document = JsonDocument.Parse((await Wire.ReadAllAsync(response)).Bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", Wire.Header(response, "Content-Type"));
        Assert.Equal("default-response", Wire.Header(response, "X-Cassette"));
        Assert.Equal("v0.9.6", Wire.Header(response, "X-New-Api-Version"));
        var root = document.RootElement;
        Assert.StartsWith("resp_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("response", root.GetProperty("object").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(request.RootElement.GetProperty("model").GetString(), root.GetProperty("model").GetString());
        var item = Assert.Single(root.GetProperty("output").EnumerateArray());
        Assert.Equal("message", item.GetProperty("type").GetString());
        Assert.Equal("assistant", item.GetProperty("role").GetString());
        var part = Assert.Single(item.GetProperty("content").EnumerateArray());
        Assert.Equal("output_text", part.GetProperty("type").GetString());
        Assert.Equal(StandIn, part.GetProperty("text").GetString());
        var usage = root.GetProperty("usage");
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0);
        Assert.True(usage.GetProperty("output_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32() + usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        // The request's settings are echoed, as the API does.
        Assert.Equal(
            request.RootElement.TryGetProperty("instructions", out var instructions) ? instructions.GetString() : null,
            root.GetProperty("instructions").ValueKind == JsonValueKind.Null ? null : root.GetProperty("instructions").GetString());
        Assert.Equal("default-response", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task WithStreamItIsTheNamedEventStreamEndingCompleted()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        const string Body = """{"model":"kimi-k2.6","stream":true,"input":"Tell me a joke."}""";

        using var response = await Wire.SendAsync(client, Wire.Post("v1/responses", Body));
        var text = (await Wire.ReadAllAsync(response)).Text;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", Wire.Header(response, "Content-Type"));
        Assert.Equal("default-response-stream", Wire.Header(response, "X-Cassette"));
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.Matches("^event: [a-z_.]+\ndata: \\{.*\\}$", e));
        var parsed = events.Select(e => (Type: e.Split('\n')[0]["event: ".Length..], Data: JsonDocument.Parse(e.Split("\ndata: ")[1]).RootElement.Clone())).ToList();
        Assert.All(parsed, p => Assert.Equal(p.Type, p.Data.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(0, parsed.Count), parsed.Select(p => p.Data.GetProperty("sequence_number").GetInt32()));
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added", "response.output_text.delta",
             "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
            parsed.Select(p => p.Type).Distinct());
        Assert.Equal(StandIn, string.Concat(parsed.Where(p => p.Type == "response.output_text.delta").Select(p => p.Data.GetProperty("delta").GetString())));
        var created = parsed[0].Data.GetProperty("response");
        var completed = parsed[^1].Data.GetProperty("response");
        Assert.Equal("in_progress", created.GetProperty("status").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), completed.GetProperty("id").GetString());
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(StandIn, completed.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(completed.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task AModelOutsideTheCatalogGetsTheGateways503()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post("v1/responses", """{"model":"no-such-model","input":"hi"}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("default-model-not-found", Wire.Header(response, "X-Cassette"));
    }

    [Theory]
    [InlineData("v1/responses", """{"model":"gpt-5.2"}""")]
    [InlineData("v1/responses", """{"model":"gpt-5.2","input":""}""")]
    [InlineData("v1/responses", """{"model":"gpt-5.2","input":[]}""")]
    [InlineData("anthropic/v1/responses", """{"model":"gpt-5.2","input":"hi"}""")]
    public async Task ARequestTheGatewaysAnswerCannotBeToldForKeepsTheDiagnostic(string path, string body)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post(path, body));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-match", Wire.Header(response, "X-Recorded-Gateway"));
    }

    [Fact]
    public async Task ARecordedResponseStillWins()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post("v1/responses", """{"model":"claude-sonnet-4-6","input":"Hello!"}"""));

        Assert.Equal("responses-whole", Assert.Single(gateway.Requests).CassetteName);
    }
}
