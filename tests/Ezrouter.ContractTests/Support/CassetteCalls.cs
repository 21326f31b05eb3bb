using Ezrouter.ContractTests.Responses;
using Ezrouter.Generated.OpenAi.Models;
using static Ezrouter.ContractTests.Support.CassetteRequests;

namespace Ezrouter.ContractTests.Support;

/// <summary>
/// The SDK call that reaches each embedded cassette, as the contract tests make it, without their assertions: for
/// checking what the SDK puts on the wire. A gateway error is the point of many scenarios, so it is not an error here.
/// </summary>
public static class CassetteCalls
{
    private static readonly IReadOnlyDictionary<string, Func<RecordedGatewayFixture, Task>> Calls = WithEzAi(
        new Dictionary<string, Func<RecordedGatewayFixture, Task>>(StringComparer.Ordinal)
        {
            ["anthropic-error-401-shape-o"] = g => CreateMessage(g, MessageRequest("anthropic-error-401-shape-o", "Hi")),
            ["anthropic-error-503-model-not-found"] = g => CreateMessage(g, MessageRequest("anthropic-error-503-model-not-found", "Hi")),
            ["anthropic-error-double-request-id"] = g => CreateMessage(g, MessageRequest("anthropic-error-double-request-id", "Hi")),
            ["anthropic-error-nil-type"] = g => CreateMessage(g, MessageRequest("anthropic-error-nil-type", "Hi")),
            ["anthropic-error-overloaded"] = g => CreateMessage(g, MessageRequest("anthropic-error-overloaded", "Hi")),
            ["anthropic-message-sse-nonstream"] = g => CreateMessage(g, MessageRequest("claude-opus-4-7", Weather, stream: false)),
            ["anthropic-message-tool-use"] = g => CreateMessage(g, MessageRequest("claude-sonnet-4-6", Weather)),
            ["anthropic-models-list"] = async g => { using var c = g.CreateClient(); await c.Anthropic.V1.Models.GetAsync(); },
            ["anthropic-request-image"] = g => CreateMessage(g, FeatureRequests.MessageImage()),
            ["anthropic-request-thinking-cached-system"] = g => CreateMessage(g, FeatureRequests.MessageThinkingCachedSystem()),
            ["anthropic-request-tool-choice"] = g => CreateMessage(g, FeatureRequests.MessageToolChoice()),
            ["anthropic-request-tool-result"] = g => CreateMessage(g, FeatureRequests.MessageToolResult()),
            ["anthropic-stream-non-claude"] = g => StreamMessage(g, MessageRequest("gpt-5.2", Weather)),
            ["anthropic-stream"] = g => StreamMessage(g, MessageRequest("claude-sonnet-4-6", Weather)),
            ["anthropic-stream-midstream-error"] = g => StreamMessage(g, MessageRequest("claude-sonnet-4-6", "Write a haiku about the sea.")),
            ["chat-multi-turn"] = async g => { await Complete(g, MultiTurnFirst()); await Complete(g, MultiTurnSecond()); },
            ["chat-nonstream-sse"] = g => Complete(g, ChatNonstreamSse()),
            ["chat-reasoning-deepseek"] = g => Complete(g, ChatRequest("deepseek-v4-pro", User("Is 9.11 greater than 9.8?"))),
            ["chat-request-image-parts"] = g => Complete(g, FeatureRequests.ChatImageParts()),
            ["chat-request-json-schema-no-usage"] = g => Stream(g, FeatureRequests.ChatJsonSchemaWithoutUsage()),
            ["chat-request-named-tool-choice"] = g => Complete(g, FeatureRequests.ChatNamedToolChoice()),
            ["chat-request-tools-required"] = g => Complete(g, FeatureRequests.ChatToolsRequired()),
            ["chat-stream-done-without-finish"] = g => Stream(g, ChatRequest("glm-5.1", User("Tell me a long story."))),
            ["chat-stream-midstream-error-claude"] = g => Stream(g, ChatRequest("claude-sonnet-4-6", User("Write a haiku about the sea."))),
            ["chat-stream-midstream-error-openai"] = g => Stream(g, ChatRequest("kimi-k2.6", User("Write a haiku about the sea."))),
            ["chat-stream-truncated"] = g => Stream(g, ChatRequest("deepseek-v4-flash", User("Tell me a long story."))),
            ["chat-stream-usage"] = g => Stream(g, ChatRequest("claude-sonnet-4-6", User("Count to five."))),
            ["chat-tool-calls-claude-collide"] = g => Complete(g, ChatWithTools("claude-haiku-4-5-20251001", WeatherTwice)),
            ["chat-tool-calls-claude-offset"] = g => Complete(g, ChatWithTools("claude-sonnet-4-6", "Compare the weather in Paris and in Tokyo.")),
            ["chat-tool-calls-openai"] = g => Complete(g, ChatWithTools("gpt-5.2", WeatherTwice)),
            ["error-200-upstream-error"] = g => Complete(g, WithStream(ChatError("error-200-upstream-error"), false)),
            ["error-400-no-model"] = g => Complete(g, ChatRequest(null, User("Hi"))),
            ["error-400-null-code"] = g => Complete(g, ChatError("error-400-null-code")),
            ["error-400-numeric-code"] = g => Complete(g, ChatError("error-400-numeric-code")),
            ["error-400-sse-labelled"] = g => Stream(g, ChatError("error-400-sse-labelled")),
            ["error-400-upstream-msg"] = g => Complete(g, ChatError("error-400-upstream-msg")),
            ["error-401-invalid-token"] = g => Complete(g, ChatError("error-401-invalid-token")),
            ["error-402-insufficient-balance"] = g => Complete(g, ChatError("error-402-insufficient-balance")),
            ["error-403-access-denied"] = g => Complete(g, ChatError("error-403-access-denied")),
            ["error-403-banned-user"] = g => Complete(g, ChatError("error-403-banned-user")),
            ["error-403-insufficient-user-quota"] = g => Complete(g, ChatError("error-403-insufficient-user-quota")),
            ["error-403-pre-consume-quota-failed"] = g => Complete(g, ChatError("error-403-pre-consume-quota-failed")),
            ["error-404-count-tokens"] = async g => { using var c = g.CreateClient(); await c.Anthropic.V1.Messages.Count_tokens.PostAsync(CountTokens()); },
            ["error-405-method-not-allowed"] = g => Complete(g, ChatError("error-405-method-not-allowed")),
            ["error-408-upstream-timeout"] = g => Complete(g, ChatError("error-408-upstream-timeout")),
            ["error-404-doubled-v1"] = async g =>
            {
                using var c = g.CreateClient(anthropicBaseUrl: new Uri(g.Gateway.BaseUrl, "anthropic/v1"));
                await c.Messages.CreateAsync(MessageRequest("claude-sonnet-4-6", Weather));
            },
            ["error-404-invalid-url"] = async g =>
            {
                using var c = g.CreateClient();
                await c.OpenAi.V1.Chat.Completions.WithUrl(g.Url("v1/chat/complete")).PostAsync(ChatError("error-404-invalid-url"));
            },
            ["error-413-body-too-large"] = g => Complete(g, ChatError("error-413-body-too-large")),
            ["error-422-upstream-detail"] = g => Complete(g, ChatError("error-422-upstream-detail")),
            ["error-429-rate-limit"] = g => Complete(g, ChatError("error-429-rate-limit")),
            ["error-500-do-request-failed"] = g => Complete(g, ChatError("error-500-do-request-failed")),
            ["error-500-invalid-request"] = g => Complete(g, new CreateChatCompletionRequest { Model = "claude-sonnet-4-6" }),
            ["error-500-panic"] = g => Complete(g, ChatError("error-500-panic")),
            ["error-500-upstream-string"] = g => Complete(g, ChatError("error-500-upstream-string")),
            ["error-502-non-json-upstream"] = g => Complete(g, ChatError("error-502-non-json-upstream")),
            ["error-503-model-not-found"] = g => Complete(g, ChatError("error-503-model-not-found")),
            ["ezai-count-tokens"] = g => CountTokensOnEzAi(g, "claude-sonnet-4-5"),
            ["ezai-count-tokens-429"] = g => CountTokensOnEzAi(g, "ezai-count-tokens-429"),
            ["ezai-count-tokens-529-then-ok"] = g => CountTokensOnEzAi(g, "ezai-count-tokens-529-then-ok", maxRetries: 2),
            ["ezai-error-403-waf"] = async g =>
            {
                using var c = g.CreateClient(profile: Ezrouter.Profiles.GatewayProfile.EzAi);
                await c.Chat.CompleteAsync(ChatError("ezai-error-403-waf"));
            },
            ["html-unknown-anthropic-path"] = async g => { using var c = g.CreateClient(); await c.Anthropic.V1.Models.WithUrl(g.Url("anthropic/v2/models")).GetAsync(); },
            ["html-unknown-path"] = async g =>
            {
                using var c = g.CreateClient();
                await c.OpenAi.V1.Chat.Completions.WithUrl(g.Url("chat/completions")).PostAsync(ChatError("html-unknown-path"));
            },
            ["models-list"] = async g => { using var c = g.CreateClient(); await c.Models.ListAsync(); },
            ["models-list-success-false"] = async g =>
            {
                using var c = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-models-list-success-false", BaseUrl = g.Gateway.BaseUrl });
                await c.Models.ListAsync();
            },
            ["responses-error-503-model-not-found"] = g => ResponsesRequests.CreateAsync(g, ResponsesRequests.Text("responses-error-503-model-not-found", "Hi")),
            ["responses-function-call"] = g => ResponsesRequests.StreamAsync(g, ResponsesRequests.WeatherTool()),
            ["responses-stream"] = g => ResponsesRequests.StreamAsync(g, ResponsesRequests.Count()),
            ["responses-stream-failed"] = g => ResponsesRequests.StreamAsync(g, ResponsesRequests.Text("responses-stream-failed", "Write a haiku about the sea.")),
            ["responses-whole"] = g => ResponsesRequests.CreateAsync(g, ResponsesRequests.Whole()),
            ["redeploy-502-then-success"] = g => Complete(g, ChatRequest("claude-haiku-4-5", User("Say hi.")), maxRetries: 2),
        });

    private static Dictionary<string, Func<RecordedGatewayFixture, Task>> WithEzAi(Dictionary<string, Func<RecordedGatewayFixture, Task>> calls)
    {
        foreach (var (name, call) in Profiles.EzAiRequests.Calls()) calls.Add(name, call);
        return calls;
    }

    /// <summary>The cassettes that have a call.</summary>
    public static IEnumerable<string> Names => Calls.Keys;

    /// <summary>Makes the call that reaches <paramref name="cassette"/>; a typed gateway error is swallowed.</summary>
    public static async Task SendAsync(string cassette, RecordedGatewayFixture gateway)
    {
        if (!Calls.TryGetValue(cassette, out var call)) Assert.Fail($"CassetteCalls has no SDK call for cassette {cassette}");
        try
        {
            await call(gateway);
        }
        catch (EzrouterException)
        {
        }
    }

    private static async Task CountTokensOnEzAi(RecordedGatewayFixture g, string model, int maxRetries = 0)
    {
        using var c = g.CreateClient(maxRetries, profile: Ezrouter.Profiles.GatewayProfile.EzAi);
        await c.Messages.CountTokensAsync(new Ezrouter.Generated.Anthropic.Models.CountTokensRequest
        {
            Model = model,
            Messages = [new() { Role = "user", Content = new() { String = "Hello!" } }],
        });
    }

    private static async Task Complete(RecordedGatewayFixture g, CreateChatCompletionRequest request, int maxRetries = 0)
    {
        using var client = g.CreateClient(maxRetries);
        await client.Chat.CompleteAsync(request);
    }

    private static async Task Stream(RecordedGatewayFixture g, CreateChatCompletionRequest request)
    {
        using var client = g.CreateClient();
        await client.Chat.CompleteStreamingAsync(request).GetFinalCompletionAsync();
    }

    private static async Task CreateMessage(RecordedGatewayFixture g, Generated.Anthropic.Models.CreateMessageRequest request)
    {
        using var client = g.CreateClient();
        await client.Messages.CreateAsync(request);
    }

    private static async Task StreamMessage(RecordedGatewayFixture g, Generated.Anthropic.Models.CreateMessageRequest request)
    {
        using var client = g.CreateClient();
        await client.Messages.CreateStreamingAsync(request).GetFinalMessageAsync();
    }

    private static CreateChatCompletionRequest WithStream(CreateChatCompletionRequest request, bool stream)
    {
        request.Stream = stream;
        return request;
    }
}
