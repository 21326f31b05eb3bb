extern alias AnthropicSdk;

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using AnthropicSdk::Anthropic;
using AnthropicSdk::Anthropic.Models.Messages;
using Ezrouter.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Ezrouter.ContractTests.Interop;

/// <summary>
/// A user without a key points an ordinary client at the recorded gateway on loopback and asks a catalog model
/// something no cassette holds: the official OpenAI SDK, the official Anthropic SDK and a raw <see cref="HttpClient"/>
/// each get a well-formed answer in the gateway's wire format (the default answer), not a 404.
/// </summary>
public sealed class AnyClientAnyPromptTests : IAsyncLifetime
{
    private const string Prompt = "Write a limerick about a unit test that no cassette has heard.";
    private const string StandInStart = "This is a stand-in answer from the recorded gateway";

    private RecordedGateway gateway = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => gateway = await RecordedGateway.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Theory]
    [InlineData("claude-sonnet-4-6")]
    [InlineData("gpt-5.2")]
    public async Task OpenAiSdkStreamingGetsTheStandInTextAFinishReasonAndUsage(string model)
    {
        // The OpenAI SDK reads a non-stream answer as JSON, and the gateway answers SSE (docs/gateway-behavior.md §6),
        // so its streaming API is the one that works against the gateway, and against this default answer.
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in Chat(model).CompleteChatStreamingAsync([new UserChatMessage(Prompt)]))
        {
            updates.Add(update);
        }

        Assert.StartsWith(StandInStart, string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text)), StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, updates.Single(u => u.FinishReason is not null).FinishReason);
        Assert.True(updates.Single(u => u.Usage is not null).Usage.OutputTokenCount > 0);
        Assert.Equal("default-chat", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task OpenAiSdkNonStreamingFailsOnTheDefaultAnswerAsOnTheGateway()
    {
        // The default answer keeps the gateway's "always SSE" (§6), so the SDK's non-stream call fails as it does
        // against ezrouter itself; a stand-in that answered JSON here would hide that from the user.
        var exception = await Assert.ThrowsAnyAsync<JsonException>(() => Chat("claude-sonnet-4-6").CompleteChatAsync([new UserChatMessage(Prompt)]));

        Assert.StartsWith("'d' is an invalid start of a value.", exception.Message, StringComparison.Ordinal);
        Assert.Equal("default-chat", Assert.Single(gateway.Requests).CassetteName);
    }

    [Theory]
    [InlineData("claude-sonnet-4-6")]
    [InlineData("deepseek-v4-flash")]
    public async Task AnthropicSdkCreateGetsAMessage(string model)
    {
        var message = await AnthropicSdk().Messages.Create(Params(model));

        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.StartsWith(StandInStart, text!.Text, StringComparison.Ordinal);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.True(message.Usage.OutputTokens > 0);
        Assert.Equal("default-message", Assert.Single(gateway.Requests).CassetteName);
    }

    [Theory]
    [InlineData("claude-opus-4-7")]
    [InlineData("kimi-k2.6")]
    public async Task AnthropicSdkCreateStreamingGetsTheEventsOfAMessage(string model)
    {
        var types = new List<string>();
        var text = new StringBuilder();
        await foreach (var streamEvent in AnthropicSdk().Messages.CreateStreaming(Params(model)))
        {
            types.Add(streamEvent.Json.GetProperty("type").GetString()!);
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece))
            {
                text.Append(piece!.Text);
            }
        }

        Assert.Equal("message_start", types[0]);
        Assert.Equal(["message_delta", "message_stop"], types[^2..]);
        Assert.StartsWith(StandInStart, text.ToString(), StringComparison.Ordinal);
        Assert.Equal("default-message-stream", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task RawHttpClientChatGetsSseEndingInDone()
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseUrl };
        var body = JsonSerializer.Serialize(new { model = "glm-5.1", messages = new[] { new { role = "user", content = Prompt } } });

        using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("default-chat", string.Join(",", response.Headers.GetValues("X-Cassette")));
        Assert.True(response.Headers.Contains("X-Oneapi-Request-Id"));
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        var chunks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).SkipLast(1)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone()).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Contains("stand-in", string.Concat(chunks
            .Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var content) ? content.GetString() : null)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawHttpClientMessagesGetsAMessage()
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "anthropic/v1/messages")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { model = "claude-haiku-4-5-20251001", max_tokens = 64, messages = new[] { new { role = "user", content = Prompt } } }),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("x-api-key", "sk-test");
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await http.SendAsync(request);
        using var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", message.RootElement.GetProperty("type").GetString());
        Assert.StartsWith(StandInStart, message.RootElement.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private ChatClient Chat(string model) => new(
        model,
        new ApiKeyCredential("sk-test"),
        new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(0) });

    private AnthropicClient AnthropicSdk() => new() { BaseUrl = gateway.BaseUrl + "anthropic", ApiKey = "sk-test", MaxRetries = 0 };

    private static MessageCreateParams Params(string model) => new()
    {
        MaxTokens = 256,
        Model = model,
        Messages = [new UserMessageParam(Prompt)],
    };
}
