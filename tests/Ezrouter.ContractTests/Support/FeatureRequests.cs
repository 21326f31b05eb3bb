using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using Anthropic = Ezrouter.Generated.Anthropic.Models;
using static Ezrouter.ContractTests.Support.CassetteRequests;

namespace Ezrouter.ContractTests.Support;

/// <summary>
/// The request bodies of the request-side cassettes (issue 13, item 3): each carries request features the response
/// cassettes never send, built with the generated request models as a user would. Each call builds a fresh object.
/// </summary>
public static class FeatureRequests
{
    /// <summary>A 1×1 PNG, base64-encoded.</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    public const string ToolUseId = "toolu_01ljLJqqRUl3d2SbE27YUWys";

    /// <summary><c>tools</c> with a strict JSON-schema, <c>tool_choice</c> <c>"required"</c>, <c>parallel_tool_calls</c> and <c>metadata</c>.</summary>
    public static CreateChatCompletionRequest ChatToolsRequired()
    {
        var request = ChatRequest("gpt-5.2", User("Get me the current weather in Paris."));
        request.Tools = [new ChatCompletionTool { Type = "function", Function = new FunctionDefinition { Name = "get_weather", Description = "Current weather for a city.", Parameters = StrictWeatherSchema(), Strict = true } }];
        request.ToolChoice = new ChatCompletionToolChoiceOption { String = "required" };
        request.ParallelToolCalls = false;
        request.Metadata = Object(("session_id", new UntypedString("sess-4821")), ("feature", new UntypedString("weather-widget")));
        return request;
    }

    /// <summary><c>tool_choice</c> as the object naming one function.</summary>
    public static CreateChatCompletionRequest ChatNamedToolChoice()
    {
        var request = ChatRequest("claude-sonnet-4-6", User("Should I take an umbrella in Tokyo today?"));
        request.Tools = [new ChatCompletionTool { Type = "function", Function = new FunctionDefinition { Name = "get_weather", Description = "Current weather for a city.", Parameters = StrictWeatherSchema() } }];
        request.ToolChoice = new ChatCompletionToolChoiceOption
        {
            ChatCompletionNamedToolChoice = new ChatCompletionNamedToolChoice { Type = "function", Function = new ChatCompletionNamedToolChoiceFunction { Name = "get_weather" } },
        };
        return request;
    }

    /// <summary><c>response_format</c> <c>json_schema</c> and <c>stream_options.include_usage: false</c> (sent as a stream).</summary>
    public static CreateChatCompletionRequest ChatJsonSchemaWithoutUsage()
    {
        var request = ChatRequest("gpt-5.2", User("Give me a weather report for Paris."));
        request.ResponseFormat = new ChatCompletionResponseFormat
        {
            ResponseFormatJsonSchema = new ResponseFormatJsonSchema
            {
                Type = "json_schema",
                JsonSchema = new ResponseFormatJsonSchemaJsonSchema { Name = "weather_report", Description = "A short weather report.", Strict = true, Schema = ReportSchema() },
            },
        };
        request.StreamOptions = new ChatCompletionStreamOptions { IncludeUsage = false };
        return request;
    }

    /// <summary>A user message whose content is a text part and an <c>image_url</c> part holding a data URL.</summary>
    public static CreateChatCompletionRequest ChatImageParts()
    {
        // openapi/README.md: Kiota 1.38 leaves the content-part classes empty, so parts are built in AdditionalData.
        var text = new ChatCompletionContentPart { AdditionalData = { ["type"] = "text", ["text"] = "What is in this image?" } };
        var image = new ChatCompletionContentPart
        {
            AdditionalData =
            {
                ["type"] = "image_url",
                ["image_url"] = Object(("url", new UntypedString("data:image/png;base64," + PngBase64)), ("detail", new UntypedString("low"))),
            },
        };
        var user = new ChatCompletionRequestMessage
        {
            ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { ChatCompletionContentPart = [text, image] } },
        };
        return ChatRequest("claude-sonnet-4-6", user);
    }

    /// <summary><c>tools</c> and <c>tool_choice</c> naming one tool.</summary>
    public static Anthropic.CreateMessageRequest MessageToolChoice()
    {
        var request = MessageRequest("claude-sonnet-4-6", "Get the weather in Berlin.");
        request.ToolChoice = new Anthropic.ToolChoice { ToolChoiceTool = new Anthropic.ToolChoiceTool { Type = "tool", Name = "get_weather", DisableParallelToolUse = true } };
        return request;
    }

    /// <summary><c>thinking</c> with a budget, <c>system</c> as text blocks with an ephemeral cache breakpoint, and <c>metadata.user_id</c>.</summary>
    public static Anthropic.CreateMessageRequest MessageThinkingCachedSystem() => new()
    {
        Model = "claude-opus-4-7",
        MaxTokens = 4096,
        Thinking = new Anthropic.ThinkingConfig { ThinkingConfigEnabled = new Anthropic.ThinkingConfigEnabled { Type = "enabled", BudgetTokens = 2048 } },
        System = new Anthropic.SystemPrompt
        {
            TextBlock =
            [
                new Anthropic.TextBlock { Type = "text", Text = "You are a meteorologist. Answer in two sentences." },
                new Anthropic.TextBlock { Type = "text", Text = "Station notes: Oslo-Blindern, 94 m above sea level; clear nights lose heat fast in December.", CacheControl = new Anthropic.CacheControl { Type = "ephemeral" } },
            ],
        },
        Metadata = new Anthropic.Metadata { UserId = "user-7f3a9c" },
        Messages = [new Anthropic.InputMessage { Role = "user", Content = new() { String = "Will it freeze in Oslo tonight?" } }],
    };

    /// <summary>A user turn with a base64 image block and a text block.</summary>
    public static Anthropic.CreateMessageRequest MessageImage() => new()
    {
        Model = "claude-sonnet-4-6",
        MaxTokens = 1024,
        Messages =
        [
            new Anthropic.InputMessage
            {
                Role = "user",
                Content = new()
                {
                    ContentBlock =
                    [
                        new Anthropic.ContentBlock
                        {
                            ImageBlock = new Anthropic.ImageBlock
                            {
                                Type = "image",
                                Source = new Anthropic.ImageSource { Base64ImageSource = new Anthropic.Base64ImageSource { Type = "base64", MediaType = "image/png", Data = PngBase64 } },
                            },
                        },
                        new Anthropic.ContentBlock { TextBlock = new Anthropic.TextBlock { Type = "text", Text = "Describe this image in one sentence." } },
                    ],
                },
            },
        ],
    };

    /// <summary>The second turn of a tool call: the assistant's tool_use sent back, then the user's tool_result.</summary>
    public static Anthropic.CreateMessageRequest MessageToolResult()
    {
        var request = MessageRequest("claude-sonnet-4-6", Weather);
        request.Messages!.Add(new Anthropic.InputMessage
        {
            Role = "assistant",
            Content = new()
            {
                ContentBlock =
                [
                    new Anthropic.ContentBlock { TextBlock = new Anthropic.TextBlock { Type = "text", Text = "I'll check the current weather in Paris for you." } },
                    new Anthropic.ContentBlock
                    {
                        ToolUseBlock = new Anthropic.ToolUseBlock
                        {
                            Type = "tool_use", Id = ToolUseId, Name = "get_weather",
                            Input = Object(("location", new UntypedString("Paris, France")), ("unit", new UntypedString("celsius"))),
                        },
                    },
                ],
            },
        });
        request.Messages.Add(new Anthropic.InputMessage
        {
            Role = "user",
            Content = new()
            {
                ContentBlock =
                [
                    new Anthropic.ContentBlock
                    {
                        ToolResultBlock = new Anthropic.ToolResultBlock { Type = "tool_result", ToolUseId = ToolUseId, Content = new() { String = "15 °C, light rain, wind 20 km/h from the west" } },
                    },
                ],
            },
        });
        return request;
    }

    private static UntypedObject StrictWeatherSchema() => Object(
        ("type", new UntypedString("object")),
        ("properties", Object(
            ("location", Object(("type", new UntypedString("string")), ("description", new UntypedString("City and country, e.g. Paris, France")))),
            ("unit", Object(("type", new UntypedString("string")), ("enum", new UntypedArray([new UntypedString("celsius"), new UntypedString("fahrenheit")])))))),
        ("required", new UntypedArray([new UntypedString("location"), new UntypedString("unit")])),
        ("additionalProperties", new UntypedBoolean(false)));

    private static UntypedObject ReportSchema() => Object(
        ("type", new UntypedString("object")),
        ("properties", Object(
            ("city", Object(("type", new UntypedString("string")))),
            ("temperature_c", Object(("type", new UntypedString("number")))),
            ("conditions", Object(("type", new UntypedString("string")))))),
        ("required", new UntypedArray([new UntypedString("city"), new UntypedString("temperature_c"), new UntypedString("conditions")])),
        ("additionalProperties", new UntypedBoolean(false)));

    private static UntypedObject Object(params (string Name, UntypedNode Value)[] properties) =>
        new(properties.ToDictionary(p => p.Name, p => p.Value));
}
