using System.Text;
using Ezrouter.ContractTests.Schema;
using Ezrouter.ContractTests.Support;
using Ezrouter.Testing;
using Xunit.Abstractions;

namespace Ezrouter.ContractTests.Interop;

/// <summary>
/// The recorded gateway's default answers hold to the specs in openapi/ like any recorded cassette, and this SDK
/// reads them like the gateway's own answers, so the stand-in teaches nothing the real gateway would contradict.
/// </summary>
public sealed class DefaultAnswerConformanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prompt = "A prompt that no cassette holds.";

    private RecordedGateway gateway = null!;

    public static TheoryData<string, string, string> Requests => new()
    {
        { "default-chat", "/v1/chat/completions", """{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"P"}]}""" },
        { "default-chat", "/v1/chat/completions", """{"model":"gpt-5.2","stream":true,"messages":[{"role":"user","content":"P"}]}""" },
        { "default-message", "/anthropic/v1/messages", """{"model":"claude-sonnet-4-6","max_tokens":64,"messages":[{"role":"user","content":"P"}]}""" },
        { "default-message-stream", "/anthropic/v1/messages", """{"model":"claude-sonnet-4-6","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"P"}]}""" },
        { "default-message-stream", "/anthropic/v1/messages", """{"model":"glm-5.1","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"P"}]}""" },
        { "default-model-not-found", "/v1/chat/completions", """{"model":"not-in-the-catalog","messages":[{"role":"user","content":"P"}]}""" },
        { "default-response", "/v1/responses", """{"model":"gpt-5.2","input":"P","instructions":"Be brief.","max_output_tokens":64}""" },
        { "default-response-stream", "/v1/responses", """{"model":"claude-sonnet-4-6","stream":true,"input":[{"role":"user","content":"P"}]}""" },
        { "default-model-not-found", "/v1/responses", """{"model":"not-in-the-catalog","input":"P"}""" },
        { "default-model-not-found", "/anthropic/v1/messages", """{"model":"not-in-the-catalog","max_tokens":64,"messages":[{"role":"user","content":"P"}]}""" },
    };

    /// <inheritdoc />
    public async Task InitializeAsync() => gateway = await RecordedGateway.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task EveryBodyOfADefaultAnswerMatchesTheSpec(string name, string path, string body)
    {
        // Arrange
        var conformance = new BodyConformance(await GatewaySpecs.LoadRepositoryAsync());
        using var http = new HttpClient { BaseAddress = gateway.BaseUrl };

        // Act: what arrived, as a cassette, so it is checked by the same code as every recorded one.
        using var response = await http.PostAsync(path.TrimStart('/'), new StringContent(body.Replace("\"P\"", $"\"{Prompt}\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType!.ToString();
        var answer = new Cassette
        {
            Name = name,
            Interactions =
            [
                new CassetteInteraction
                {
                    Request = new CassetteRequest { Method = "POST", Path = path },
                    Response = new CassetteResponse
                    {
                        Status = (int)response.StatusCode,
                        Headers = new Dictionary<string, string> { ["Content-Type"] = contentType },
                        Body = contentType.StartsWith("text/event-stream", StringComparison.Ordinal) ? null : text,
                        Frames = contentType.StartsWith("text/event-stream", StringComparison.Ordinal) ? [new CassetteFrame { Data = text }] : null,
                    },
                },
            ],
        };
        var checks = CassetteBodies.Of(answer).Select(conformance.CheckResponse).ToList();

        // Assert
        Assert.Equal(name, string.Join(",", response.Headers.GetValues("X-Cassette")));
        foreach (var check in checks) output.WriteLine(check.ToString());
        Assert.Contains(checks, c => c.Skipped is null);
        Assert.All(checks.Where(c => c.Skipped is null), c => Assert.True(c.Conforms, c.ToString()));
        Assert.All(checks.Where(c => c.Skipped is not null), c => Assert.Contains("[DONE]", c.Skipped, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThisSdkReadsTheDefaultChatAnswerAsACompletion()
    {
        using var client = Client();

        var response = await client.Chat.CompleteAsync(CassetteRequests.ChatRequest("claude-opus-4-7", CassetteRequests.User(Prompt)));

        var choice = Assert.Single(response.Value.Choices!);
        Assert.StartsWith("This is a stand-in answer from the recorded gateway", choice.Message!.Content, StringComparison.Ordinal);
        Assert.Equal("text/event-stream", response.Info.ContentType);
        Assert.NotNull(response.Info.RequestId);
        Assert.Equal("default-chat", Assert.Single(gateway.Requests).CassetteName);
    }

    [Theory]
    [InlineData(null, "default-message")]
    [InlineData(true, "default-message-stream")]
    public async Task ThisSdkReadsTheDefaultMessageAnswer(bool? stream, string name)
    {
        using var client = Client();
        var request = CassetteRequests.MessageRequest("claude-sonnet-4-6", Prompt);
        request.Stream = stream;

        var response = await client.Messages.CreateAsync(request);

        Assert.StartsWith("This is a stand-in answer from the recorded gateway", Assert.Single(response.Value.Content!).TextBlock!.Text, StringComparison.Ordinal);
        Assert.Equal(name, Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task ThisSdkReadsTheDefaultResponseAnswerWholeAndStreamed()
    {
        using var client = Client();
        var request = new Ezrouter.Generated.OpenAi.Models.CreateResponseRequest { Model = "kimi-k2.6", Input = new() { String = Prompt } };

        var whole = await client.Responses.CreateAsync(request);
        var stream = client.Responses.CreateStreamingAsync(request);
        var deltas = new StringBuilder();
        await foreach (var streamEvent in stream)
            if (streamEvent.Type == "response.output_text.delta") deltas.Append(streamEvent.Delta);
        var streamed = await stream.GetFinalResponseAsync();

        const string StandIn = "This is a stand-in answer from the recorded gateway";
        Assert.StartsWith(StandIn, whole.Value.Output![0].Content![0].Text, StringComparison.Ordinal);
        Assert.Equal("completed", whole.Value.Status);
        Assert.StartsWith(StandIn, deltas.ToString(), StringComparison.Ordinal);
        Assert.Equal(deltas.ToString(), streamed.Output![0].Content![0].Text);
        Assert.True(streamed.Usage!.OutputTokens > 0);
        Assert.Equal(["default-response", "default-response-stream"], gateway.Requests.Select(r => r.CassetteName));
    }

    private EzrouterClient Client() => new(new EzrouterClientOptions { ApiKey = RecordedGatewayFixture.ApiKey, BaseUrl = gateway.BaseUrl, Retry = { MaxRetries = 0 } });
}
