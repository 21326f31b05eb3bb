using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Chat;

/// <summary>The generated PostAsync, through the layer's pipeline, on JSON and on SSE answers.</summary>
public class ChatCompletionTests
{
    private const string Url = "https://www.ezrouter.dev/v1/chat/completions";

    internal static CreateChatCompletionRequest Request(string text = "Hello!", string model = "claude-sonnet-4-6") => new()
    {
        Model = model,
        Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = text } } }],
    };

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task NonStreamCallAnsweredWithSseReturnsTheWholeCompletion(Delivery delivery)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(Payloads.ChatSse, delivery: delivery));
        using var client = TestClients.Create(mock);

        var completion = await client.OpenAi.V1.Chat.Completions.PostAsync(Request());

        var choice = Assert.Single(completion!.Choices!);
        Assert.Equal("Hello there!", choice.Message!.Content);
        Assert.Equal("Greet", choice.Message.ReasoningContent);
        Assert.Equal("assistant", choice.Message.Role);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal("msg_01", completion.Id);
        Assert.Equal("claude-sonnet-4-6", completion.Model);
        Assert.Equal(1763683200, completion.Created);
        Assert.Equal("chat.completion", completion.Object);
        Assert.Equal(1000, completion.Usage!.PromptTokensDetails!.CachedTokens);
        Assert.Equal(9, completion.Usage.CompletionTokens);
    }

    [Fact]
    public async Task NonStreamCallAnsweredWithJsonReturnsItUnchanged()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Json(Payloads.ChatCompletionJson));
        using var client = TestClients.Create(mock);

        var result = await client.Chat.CompleteAsync(Request());

        Assert.Equal("Hello there!", result.Value.Choices![0].Message!.Content);
        Assert.Equal("primary", result.Value.AdditionalData["x_gateway_route"]);
        Assert.Equal("20261121000000000000000000000001", result.Info.RequestId);
        Assert.Equal("v0.9.6", result.Info.GatewayVersion);
        Assert.NotNull(result.Info.TimeToFirstByte);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task ClaudeToolCallsAreAssembledByIdDespiteCollidingIndices(Delivery delivery)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(Payloads.ChatToolCallsClaudeSse, delivery: delivery));
        using var client = TestClients.Create(mock);

        var completion = (await client.Chat.CompleteAsync(Request(model: "claude-opus-4-7"))).Value;

        var message = completion.Choices![0].Message!;
        Assert.Equal("Checking both.", message.Content);
        Assert.Collection(message.ToolCalls!,
            a => { Assert.Equal("toolu_A", a.Id); Assert.Equal("get_weather", a.Function!.Name); Assert.Equal("{\"city\":\"Paris\"}", a.Function.Arguments); },
            b => { Assert.Equal("toolu_B", b.Id); Assert.Equal("get_time", b.Function!.Name); Assert.Equal("{\"tz\":\"CET\"}", b.Function.Arguments); });
        Assert.Equal("tool_calls", completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task ResponseInfoOptionOnAGeneratedCallCarriesTheGatewayHeaders()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(Payloads.ChatSse, requestId: "2026112112345"));
        using var client = TestClients.Create(mock);
        var info = new EzrouterResponseInfo();

        await client.OpenAi.V1.Chat.Completions.PostAsync(Request(), c => c.Options.Add(info));

        Assert.Equal("2026112112345", info.RequestId);
        Assert.Equal("v0.9.6", info.GatewayVersion);
        Assert.Equal("text/event-stream", info.ContentType);
        Assert.Equal("v0.9.6", client.LastGatewayVersion);
    }

    [Fact]
    public async Task UsageNormalizesAcrossSurfaces()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(Payloads.ChatSse));
        using var client = TestClients.Create(mock);

        var usage = EzrouterUsage.From((await client.Chat.CompleteAsync(Request())).Value.Usage!);

        Assert.Equal(1200, usage.InputTokens);
        Assert.Equal(1000, usage.CacheReadTokens);
        Assert.Equal(100, usage.CacheWrite5mTokens);
        Assert.Equal(50, usage.CacheWrite1hTokens);
        Assert.Equal(150, usage.CacheWriteTokens);
        Assert.Equal(9, usage.OutputTokens); // completion_tokens wins over output_tokens = 0
        var anthropic = EzrouterUsage.From(Generated.GeneratedClientTests.Parse(Payloads.AnthropicMessageJson, Ezrouter.Generated.Anthropic.Models.Message.CreateFromDiscriminatorValue).Usage!);
        Assert.Equal(20 + 1000 + 300, anthropic.InputTokens);
        Assert.Equal(1000, anthropic.CacheReadTokens);
        Assert.Equal(200, anthropic.CacheWrite5mTokens);
        Assert.Equal(100, anthropic.CacheWrite1hTokens);
        Assert.Equal(64, anthropic.OutputTokens);
    }
}
