extern alias AnthropicSdk;

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using AnthropicSdk::Anthropic;
using AnthropicSdk::Anthropic.Models.Messages;
using Ezrouter.Testing;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;
using OpenAI.Responses;

// The official SDK marks its Responses client experimental; the test pins what it reads from the recorded gateway.
#pragma warning disable OPENAI001

namespace Ezrouter.ContractTests.Interop;

/// <summary>
/// The official SDKs against the recorded gateway laid out as EzAI is (docs/gateway-behavior.md §23): the Anthropic
/// SDK with its base URL at the gateway's root (no <c>/anthropic</c>) creates and streams a message; the OpenAI SDK,
/// with the custom User-Agent EzAI's documentation requires, reads chat (whole and streamed), the models list and a
/// response from <c>/v1</c>.
/// </summary>
public sealed class EzAiSdkInteropTests : IAsyncLifetime
{
    private RecordedGateway gateway = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => gateway = await RecordedGateway.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await gateway.DisposeAsync();

    private AnthropicClient Anthropic() => new() { BaseUrl = gateway.BaseUrl.ToString().TrimEnd('/'), ApiKey = "sk-test", MaxRetries = 0 };

    private static MessageCreateParams Params(string prompt) => new()
    {
        MaxTokens = 1024,
        Model = "claude-sonnet-4-5",
        Messages = [new UserMessageParam(prompt)],
    };

    [Fact]
    public async Task AnthropicSdkAtTheRootCreatesAMessage()
    {
        var message = await Anthropic().Messages.Create(Params("Hello, Claude!"));

        Assert.True(Assert.Single(message.Content).TryPickText(out var text));
        Assert.Equal("Hello! How can I help you today?", text!.Text);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Equal((12, 12), (message.Usage.InputTokens, message.Usage.OutputTokens));
        var sent = Assert.Single(gateway.Requests);
        Assert.Equal(("/v1/messages", "ezai-message"), (sent.Path, sent.CassetteName));
    }

    [Fact]
    public async Task AnthropicSdkAtTheRootStreamsAMessageWithTheInputTokensOfMessageDelta()
    {
        var text = new StringBuilder();
        long? deltaInputTokens = null;
        var types = new List<string>();
        await foreach (var streamEvent in Anthropic().Messages.CreateStreaming(Params("Write a haiku")))
        {
            types.Add(streamEvent.Json.GetProperty("type").GetString()!);
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece)) text.Append(piece!.Text);
            if (streamEvent.TryPickDelta(out var messageDelta)) deltaInputTokens = messageDelta!.Usage.InputTokens;
        }

        Assert.Equal("Morning fog lifting\na heron waits by the reeds\nthe river breathes slow", text.ToString());
        Assert.Equal(13, deltaInputTokens);
        Assert.Equal(["message_delta", "message_stop"], types[^2..]);
        var sent = Assert.Single(gateway.Requests);
        Assert.Equal(("/v1/messages", "ezai-message-stream"), (sent.Path, sent.CassetteName));
    }

    [Fact]
    public async Task OpenAiSdkReadsTheWholeJsonChatCompletionWithItsOwnUserAgent()
    {
        // EzAI answers a non-stream call with JSON, so the SDK's non-stream API works there (it fails on ezrouter, §6).
        ChatCompletion completion = await Chat().CompleteChatAsync([new SystemChatMessage("You are helpful."), new UserChatMessage("Hello!")]);

        Assert.Equal("Hello! How can I help?", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal((15, 9), (completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount));
        var sent = Assert.Single(gateway.Requests);
        Assert.Equal(("ezai-chat", "EzAI/1.0"), (sent.CassetteName, sent.Headers["User-Agent"]));
    }

    [Fact]
    public async Task OpenAiSdkStreamsAChatCompletionWithUsage()
    {
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("Count to three.")])) updates.Add(update);

        Assert.Equal("1, 2, 3.", string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates.Single(u => u.FinishReason is not null).FinishReason);
        Assert.Equal(18, updates.Single(u => u.Usage is not null).Usage.TotalTokenCount);
        Assert.Equal("ezai-chat-stream", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task OpenAiSdkListsTheModels()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential("sk-ezai-models-list"), Options());

        OpenAIModelCollection models = await client.GetModelsAsync();

        Assert.Equal(10, models.Count);
        var sonnet = Assert.Single(models, m => m.Id == "claude-sonnet-4-5");
        Assert.Equal(("anthropic", DateTimeOffset.FromUnixTimeSeconds(1767225600)), (sonnet.OwnedBy, sonnet.CreatedAt));
        Assert.Equal("ezai-models-list", Assert.Single(gateway.Requests).CassetteName);
    }

    [Fact]
    public async Task OpenAiSdkReadsAWholeResponse()
    {
        // The SDK's convenience methods send input as items; its protocol method sends the documentation's request.
        var client = new ResponsesClient(new ApiKeyCredential("sk-test"), new ResponsesClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(0) });
        var body = """{"model":"claude-sonnet-4-5","input":"Hello!","instructions":"You are helpful.","max_output_tokens":1024}""";

        var result = await client.CreateResponseAsync(BinaryContent.Create(BinaryData.FromString(body)), new RequestOptions());
        var response = ModelReaderWriter.Read<ResponseResult>(result.GetRawResponse().Content)!;

        Assert.Equal("Hello! How can I help you today?", response.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal((17, 11), (response.Usage.InputTokenCount, response.Usage.OutputTokenCount));
        Assert.Equal("ezai-responses-whole", Assert.Single(gateway.Requests).CassetteName);
    }

    private ChatClient Chat() => new("claude-sonnet-4-5", new ApiKeyCredential("sk-test"), Options());

    private OpenAIClientOptions Options()
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new ClientRetryPolicy(0) };
        // EzAI's firewall refuses the SDK's default User-Agent; its documentation sets "EzAI/1.0" instead.
        options.AddPolicy(new UserAgentPolicy("EzAI/1.0"), PipelinePosition.PerCall);
        return options;
    }

    /// <summary>Replaces the User-Agent the SDK would send.</summary>
    private sealed class UserAgentPolicy(string userAgent) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("User-Agent", userAgent);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("User-Agent", userAgent);
            await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        }
    }
}
