using System.Text;
using Ezrouter.Generated.Anthropic;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using RichardSzalay.MockHttp;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>The generated clients alone, on the Kiota runtime, over MockHttp: typed results for the documented payloads.</summary>
public class GeneratedClientTests
{
    private static HttpClientRequestAdapter Adapter(MockHttpMessageHandler mock) =>
        new(new AnonymousAuthenticationProvider(), httpClient: new HttpClient(mock));

    [Fact]
    public async Task ModelsListIsTypedWithTheGatewayExtensions()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://www.ezrouter.dev/v1/models").Respond("application/json", Payloads.ModelsList);

        var list = await new OpenAiClient(Adapter(mock)).V1.Models.GetAsync();

        Assert.True(list!.Success);
        Assert.Equal("list", list.Object);
        Assert.Equal(3, list.Data!.Count);
        var sonnet = list.Data[0];
        Assert.Equal("claude-sonnet-4-6", sonnet.Id);
        Assert.Equal(1626777600, sonnet.Created);
        Assert.Equal("vertex-ai", sonnet.OwnedBy);
        Assert.Equal(["anthropic", "openai"], sonnet.SupportedEndpointTypes!);
        Assert.True(list.Data[2].AdditionalData.ContainsKey("x_future_field"));
    }

    [Fact]
    public async Task ChatCompletionIsTypedWithUsageDetails()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions").Respond("application/json", Payloads.ChatCompletionJson);
        var request = new OpenAiModels.CreateChatCompletionRequest
        {
            Model = "gpt-5.2",
            Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hi" } } }],
        };

        var completion = await new OpenAiClient(Adapter(mock)).V1.Chat.Completions.PostAsync(request);

        Assert.Equal("Hello there!", completion!.Choices![0].Message!.Content);
        Assert.Equal("Greet back.", completion.Choices[0].Message!.ReasoningContent);
        Assert.Equal("stop", completion.Choices[0].FinishReason);
        var usage = completion.Usage!;
        Assert.Equal(120, usage.PromptTokens);
        Assert.Equal(100, usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(3, usage.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal(0, usage.OutputTokens);
        Assert.Equal(0, usage.ClaudeCacheCreation5MTokens);
    }

    [Fact]
    public async Task AnthropicMessageHasTypedToolUseAndThinkingBlocks()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "https://www.ezrouter.dev/anthropic/v1/messages").Respond("application/json", Payloads.AnthropicMessageJson);
        var request = new AnthropicModels.CreateMessageRequest
        {
            Model = "claude-sonnet-4-6",
            MaxTokens = 1024,
            Messages = [new() { Role = "user", Content = new() { String = "Weather in Paris?" } }],
        };

        var message = await new AnthropicClient(Adapter(mock)).V1.Messages.PostAsync(request);

        Assert.Equal("tool_use", message!.StopReason);
        var thinking = message.Content![0].ThinkingBlock!;
        Assert.Equal("The user wants weather.", thinking.Thinking);
        Assert.Equal("EqQBCgIYAhIM", thinking.Signature);
        Assert.Equal("Let me check.", message.Content[1].TextBlock!.Text);
        var tool = message.Content[2].ToolUseBlock!;
        Assert.Equal("get_weather", tool.Name);
        var input = Assert.IsType<UntypedObject>(tool.Input);
        Assert.Equal("Paris", ((UntypedString)input.GetValue()["city"]).GetValue());
        Assert.Equal(200, message.Usage!.CacheCreation!.Ephemeral5mInputTokens);
        Assert.Equal(1000, message.Usage.CacheReadInputTokens);
    }

    [Fact]
    public void UnknownFieldsSurviveAReadWriteRoundTripIncludingInsideUnionMembers()
    {
        // Kiota's parse node gives a content block's unknown fields to the ContentBlock wrapper, whose Serialize then
        // writes them after the block's object has closed: Kiota's own writer cannot send this message back.
        var message = Parse(Payloads.AnthropicMessageJson, AnthropicModels.Message.CreateFromDiscriminatorValue);
        Assert.Equal(true, message.Content![2].AdditionalData["x_block_extra"]);
        Assert.Throws<InvalidOperationException>(() => Write(message));

        // Sent back as conversation history, the SDK's request writer puts them inside the block where they came from.
        var json = WriteRequest(AssistantTurn(message));
        var again = Parse(json, AnthropicModels.CreateMessageRequest.CreateFromDiscriminatorValue).Messages![0].Content!.ContentBlock!;

        Assert.Contains("\"name\":\"get_weather\",\"type\":\"tool_use\",\"x_block_extra\":true}", json);
        Assert.Equal("get_weather", again[2].ToolUseBlock!.Name);
        Assert.Equal(true, again[2].AdditionalData["x_block_extra"]);
    }

    /// <summary>A message's content replayed as the assistant's turn of a new request, as a multi-turn caller does.</summary>
    internal static AnthropicModels.CreateMessageRequest AssistantTurn(AnthropicModels.Message message) => new()
    {
        Model = "m",
        MaxTokens = 1,
        Messages = [new() { Role = "assistant", Content = new() { ContentBlock = message.Content } }],
    };

    /// <summary>A request body as the SDK sends it: the generated Utf8JsonWriter writers.</summary>
    internal static string WriteRequest(IParsable request)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            var written = Ezrouter.Generated.Anthropic.Writers.RequestBodyWriters.TryWrite(json, request)
                || Ezrouter.Generated.OpenAi.Writers.RequestBodyWriters.TryWrite(json, request);
            Assert.True(written, "the generated writers declined the request");
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void RequestUnionsSerializeToTheWireShapes()
    {
        var request = new OpenAiModels.CreateChatCompletionRequest
        {
            Model = "m",
            Messages =
            [
                new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "plain" } } },
                new()
                {
                    ChatCompletionRequestUserMessage = new()
                    {
                        Role = "user",
                        Content = new()
                        {
                            // Kiota 1.38 builds a oneOf member's array items from the array schema: the part class has
                            // no properties, so parts travel in AdditionalData (openapi/README.md, "What Kiota reads").
                            ChatCompletionContentPart =
                            [
                                new() { AdditionalData = { ["type"] = "text", ["text"] = "look" } },
                                new()
                                {
                                    AdditionalData =
                                    {
                                        ["type"] = "image_url",
                                        ["image_url"] = new UntypedObject(new Dictionary<string, UntypedNode> { ["url"] = new UntypedString("https://x/y.png") }),
                                    },
                                },
                            ],
                        },
                    },
                },
            ],
            ToolChoice = new() { String = "auto" },
            Stop = new() { String = ["a", "b"] },
        };

        var json = Write(request);

        Assert.Contains("\"content\":\"plain\"", json);
        Assert.Contains("\"content\":[{\"type\":\"text\",\"text\":\"look\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]", json);
        Assert.Contains("\"tool_choice\":\"auto\"", json);
        Assert.Contains("\"stop\":[\"a\",\"b\"]", json);
        var back = Parse(json, OpenAiModels.CreateChatCompletionRequest.CreateFromDiscriminatorValue);
        Assert.Equal("image_url", back.Messages![1].ChatCompletionRequestUserMessage!.Content!.ChatCompletionContentPart![1].AdditionalData["type"]);
        Assert.Equal(["a", "b"], back.Stop!.String!);
    }

    internal static T Parse<T>(string json, ParsableFactory<T> factory) where T : IParsable =>
        new JsonParseNode(System.Text.Json.JsonDocument.Parse(json).RootElement).GetObjectValue(factory);

    internal static string Write(IParsable value)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, value);
        using var reader = new StreamReader(writer.GetSerializedContent(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
