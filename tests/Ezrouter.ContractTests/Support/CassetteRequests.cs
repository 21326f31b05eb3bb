using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using Anthropic = Ezrouter.Generated.Anthropic.Models;

namespace Ezrouter.ContractTests.Support;

/// <summary>
/// The request bodies that reach each embedded cassette by its natural matcher (Cassettes/README.md, "cassette → how
/// to hit it"); error scenarios use <c>model</c> = the cassette's name. Each call builds a fresh object.
/// </summary>
public static class CassetteRequests
{
    public const string Weather = "What's the weather in Paris?";
    public const string WeatherTwice = "What's the weather in Paris and in Tokyo?";

    /// <summary>A non-stream call (<c>stream: false</c> sent explicitly), which the gateway answers with SSE.</summary>
    public static CreateChatCompletionRequest ChatNonstreamSse()
    {
        var request = ChatRequest("claude-sonnet-4-6", System("You are a helpful assistant."), User("Hello!"));
        request.Stream = false;
        return request;
    }

    public static CreateChatCompletionRequest MultiTurnFirst() =>
        ChatRequest("claude-sonnet-4-6", System("Answer arithmetic briefly."), User("What is 2+2?"));

    public static CreateChatCompletionRequest MultiTurnSecond() =>
        ChatRequest("claude-sonnet-4-6", System("Answer arithmetic briefly."), User("What is 2+2?"), Assistant("2 + 2 = 4."), User("And 3+3?"));

    public static CreateChatCompletionRequest ChatRequest(string? model, params ChatCompletionRequestMessage[] messages) => new()
    {
        Model = model,
        Messages = [.. messages],
    };

    public static CreateChatCompletionRequest ChatWithTools(string model, string prompt)
    {
        var request = ChatRequest(model, User(prompt));
        request.Tools = [new ChatCompletionTool { Type = "function", Function = new FunctionDefinition { Name = "get_weather", Description = "Current weather for a city.", Parameters = WeatherSchema() } }];
        return request;
    }

    /// <summary>An error scenario's request: <c>model</c> is the cassette name.</summary>
    public static CreateChatCompletionRequest ChatError(string cassette) => ChatRequest(cassette, User("Hi"));

    public static ChatCompletionRequestMessage System(string text) =>
        new() { ChatCompletionRequestSystemMessage = new() { Role = "system", Content = new() { String = text } } };

    public static ChatCompletionRequestMessage User(string text) =>
        new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = text } } };

    public static ChatCompletionRequestMessage Assistant(string text) =>
        new() { ChatCompletionRequestAssistantMessage = new() { Role = "assistant", Content = new() { String = text } } };

    public static Anthropic.CreateMessageRequest MessageRequest(string model, string prompt, bool? stream = null) => new()
    {
        Model = model,
        MaxTokens = 1024,
        Stream = stream,
        Messages = [new Anthropic.InputMessage { Role = "user", Content = new() { String = prompt } }],
        Tools = [new Anthropic.Tool { Name = "get_weather", Description = "Current weather for a city.", InputSchema = WeatherSchema() }],
    };

    public static Anthropic.CountTokensRequest CountTokens() => new()
    {
        Model = "claude-sonnet-4-6",
        Messages = [new Anthropic.InputMessage { Role = "user", Content = new() { String = Weather } }],
    };

    private static UntypedObject WeatherSchema() => new(new Dictionary<string, UntypedNode>
    {
        ["type"] = new UntypedString("object"),
        ["properties"] = new UntypedObject(new Dictionary<string, UntypedNode>
        {
            ["location"] = new UntypedObject(new Dictionary<string, UntypedNode> { ["type"] = new UntypedString("string") }),
            ["unit"] = new UntypedObject(new Dictionary<string, UntypedNode> { ["type"] = new UntypedString("string") }),
        }),
        ["required"] = new UntypedArray([new UntypedString("location")]),
    });
}
