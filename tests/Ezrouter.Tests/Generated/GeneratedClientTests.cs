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
        var message = Parse(Payloads.AnthropicMessageJson, AnthropicModels.Message.CreateFromDiscriminatorValue);
        message.AdditionalData["x_top_level"] = "kept";

        var json = Write(message);
        var again = Parse(json, AnthropicModels.Message.CreateFromDiscriminatorValue);

        Assert.Equal(true, again.Content![2].ToolUseBlock!.AdditionalData["x_block_extra"]);
        Assert.Equal("kept", again.AdditionalData["x_top_level"]);
        Assert.Contains("\"x_block_extra\":true", json);
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
                            ChatCompletionContentPart =
                            [
                                new() { ChatCompletionContentPartText = new() { Type = "text", Text = "look" } },
                                new() { ChatCompletionContentPartImage = new() { Type = "image_url", ImageUrl = new() { Url = "https://x/y.png" } } },
                            ],
                        },
                    },
                },
            ],
            ToolChoice = new() { String = "auto" },
            Stop = new() { StringCollection = ["a", "b"] },
        };

        var json = Write(request);

        Assert.Contains("\"content\":\"plain\"", json);
        Assert.Contains("\"content\":[{\"text\":\"look\",\"type\":\"text\"},{\"image_url\":{\"url\":\"https://x/y.png\"},\"type\":\"image_url\"}]", json);
        Assert.Contains("\"tool_choice\":\"auto\"", json);
        Assert.Contains("\"stop\":[\"a\",\"b\"]", json);
        var back = Parse(json, OpenAiModels.CreateChatCompletionRequest.CreateFromDiscriminatorValue);
        Assert.Equal("image_url", back.Messages![1].ChatCompletionRequestUserMessage!.Content!.ChatCompletionContentPart![1].ChatCompletionContentPartImage!.Type);
        Assert.Equal(["a", "b"], back.Stop!.StringCollection!);
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
