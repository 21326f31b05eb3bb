using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Profiles;
using static Ezrouter.ContractTests.Support.CassetteRequests;
using Anthropic = Ezrouter.Generated.Anthropic.Models;

namespace Ezrouter.ContractTests.Profiles;

/// <summary>
/// The requests that reach the <c>ezai-*</c> cassettes through <see cref="EzrouterClient"/> on the EzAI profile (the
/// documentation's own examples; error scenarios use <c>model</c> = the cassette's name), shared by the contract tests
/// and <c>CassetteCalls</c>.
/// </summary>
public static class EzAiRequests
{
    /// <summary>The key <c>ezai-models-list</c> answers (a test key, never a real one).</summary>
    public const string ModelsListKey = "sk-ezai-models-list";

    public static EzrouterClient Client(RecordedGatewayFixture gateway, int maxRetries = 0) =>
        gateway.CreateClient(maxRetries, profile: GatewayProfile.EzAi);

    /// <summary>An EzAI client with the key <c>ezai-models-list</c> answers.</summary>
    public static EzrouterClient ModelsClient(RecordedGatewayFixture gateway) => new(new EzrouterClientOptions
    {
        Profile = GatewayProfile.EzAi,
        ApiKey = ModelsListKey,
        BaseUrl = gateway.Gateway.BaseUrl,
        Retry = { MaxRetries = 0 },
    });

    public static Anthropic.CreateMessageRequest Message(string model = "claude-sonnet-4-5", string prompt = "Hello, Claude!", bool? stream = null) => new()
    {
        Model = model,
        MaxTokens = 1024,
        Stream = stream,
        Messages = [new Anthropic.InputMessage { Role = "user", Content = new() { String = prompt } }],
    };

    public static Anthropic.CreateMessageRequest Haiku() => Message(prompt: "Write a haiku");

    public static CreateChatCompletionRequest Chat()
    {
        var request = ChatRequest("claude-sonnet-4-5", CassetteRequests.System("You are helpful."), User("Hello!"));
        request.MaxTokens = 1024;
        return request;
    }

    public static CreateChatCompletionRequest ChatCount()
    {
        var request = ChatRequest("claude-sonnet-4-5", User("Count to three."));
        request.StreamOptions = new ChatCompletionStreamOptions { IncludeUsage = true };
        return request;
    }

    public static CreateResponseRequest ResponseWhole() => new()
    {
        Model = "claude-sonnet-4-5", Input = new ResponseInput { String = "Hello!" }, Instructions = "You are helpful.", MaxOutputTokens = 1024,
    };

    public static CreateResponseRequest ResponseCount() => new() { Model = "claude-sonnet-4-5", Input = new ResponseInput { String = "Count to three." } };

    public static CreateResponseRequest ResponseError(string cassette) => new() { Model = cassette, Input = new ResponseInput { String = "Hi" } };

    /// <summary><c>GET /v1/messages</c> (EzAI serves only POST there), through the client's pipeline.</summary>
    public static Task GetMessagesAsync(EzrouterClient client, RecordedGatewayFixture gateway) =>
        client.OpenAi.V1.Models.WithUrl(gateway.Url("v1/messages")).GetAsync();

    /// <summary>The call <c>CassetteCalls</c> makes for each <c>ezai-*</c> cassette added with the EzAI surfaces.</summary>
    public static IEnumerable<KeyValuePair<string, Func<RecordedGatewayFixture, Task>>> Calls()
    {
        yield return new("ezai-message", async g => { using var c = Client(g); await c.Messages.CreateAsync(Message()); });
        yield return new("ezai-message-stream", async g => { using var c = Client(g); await c.Messages.CreateStreamingAsync(Haiku()).GetFinalMessageAsync(); });
        yield return new("ezai-chat", async g => { using var c = Client(g); await c.Chat.CompleteAsync(Chat()); });
        yield return new("ezai-chat-stream", async g => { using var c = Client(g); await c.Chat.CompleteStreamingAsync(ChatCount()).GetFinalCompletionAsync(); });
        yield return new("ezai-models-list", async g => { using var c = ModelsClient(g); await c.Models.ListAsync(); });
        yield return new("ezai-responses-whole", async g => { using var c = Client(g); await c.Responses.CreateAsync(ResponseWhole()); });
        yield return new("ezai-responses-stream", async g => { using var c = Client(g); await c.Responses.CreateStreamingAsync(ResponseCount()).GetFinalResponseAsync(); });
        yield return new("ezai-error-402-insufficient-balance", async g => { using var c = Client(g); await c.Messages.CreateAsync(Message("ezai-error-402-insufficient-balance")); });
        yield return new("ezai-error-403-ip-blocked", async g => { using var c = Client(g); await c.Chat.CompleteAsync(ChatError("ezai-error-403-ip-blocked")); });
        yield return new("ezai-error-405-method-not-allowed", async g => { using var c = Client(g); await GetMessagesAsync(c, g); });
        yield return new("ezai-error-408-then-ok", async g => { using var c = Client(g, maxRetries: 2); await c.Messages.CreateAsync(Message("ezai-error-408-then-ok")); });
        yield return new("ezai-error-413-payload-too-large", async g => { using var c = Client(g); await c.Chat.CompleteAsync(ChatError("ezai-error-413-payload-too-large")); });
        yield return new("ezai-error-429-then-ok", async g => { using var c = Client(g, maxRetries: 2); await c.Chat.CompleteAsync(ChatError("ezai-error-429-then-ok")); });
        yield return new("ezai-error-502-then-ok", async g => { using var c = Client(g, maxRetries: 2); await c.Chat.CompleteAsync(ChatError("ezai-error-502-then-ok")); });
        yield return new("ezai-error-503-then-ok", async g => { using var c = Client(g, maxRetries: 2); await c.Responses.CreateAsync(ResponseError("ezai-error-503-then-ok")); });
        yield return new("ezai-error-529-then-ok", async g =>
        {
            using var c = Client(g, maxRetries: 2);
            await c.Messages.CreateStreamingAsync(Message("ezai-error-529-then-ok")).GetFinalMessageAsync();
        });
    }
}
