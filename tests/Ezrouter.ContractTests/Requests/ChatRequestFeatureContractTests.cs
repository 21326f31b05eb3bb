using Ezrouter.ContractTests.Support;
using Ezrouter.Streaming;

namespace Ezrouter.ContractTests.Requests;

/// <summary>
/// Issue 13, item 3, OpenAI surface: the SDK sends tools, both forms of tool_choice, response_format json_schema,
/// stream_options.include_usage false, metadata and a multi-part user message with an image; the recorded gateway
/// matches each as a whole JSON value, the body validates against openai.yaml, and the answer is read.
/// </summary>
public sealed class ChatRequestFeatureContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public ChatRequestFeatureContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("chat-request-tools-required")]
    public async Task StrictToolsRequiredChoiceAndMetadataAreSentAndOneToolCallComesBack()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(FeatureRequests.ChatToolsRequired());

        // Assert
        _gateway.AssertAnsweredBy("chat-request-tools-required");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "chat-request-tools-required");
        Assert.Equal("required", sent.GetProperty("tool_choice").GetString());
        var choice = Assert.Single(response.Value.Choices!);
        Assert.Equal("tool_calls", choice.FinishReason);
        var call = Assert.Single(choice.Message!.ToolCalls!);
        Assert.Equal(("call_Vb3kQ9mXnR2pL7sT4yWcA8dE", "get_weather"), (call.Id, call.Function!.Name));
        Assert.Equal("""{"location":"Paris, France","unit":"celsius"}""", call.Function.Arguments);
        Assert.Equal((118, 21), (response.Value.Usage!.PromptTokens, response.Value.Usage.CompletionTokens));
    }

    [Fact]
    [HitsCassette("chat-request-named-tool-choice")]
    public async Task NamedFunctionToolChoiceIsSentAsAnObjectAndTheForcedCallComesBack()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(FeatureRequests.ChatNamedToolChoice());

        // Assert
        _gateway.AssertAnsweredBy("chat-request-named-tool-choice");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "chat-request-named-tool-choice");
        Assert.Equal("get_weather", sent.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        var choice = Assert.Single(response.Value.Choices!);
        Assert.Equal("tool_calls", choice.FinishReason);
        Assert.Equal(string.Empty, choice.Message!.Content); // only the gateway's opening {"content":""}: no text before the forced call
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal(("toolu_01T5kXbQ8mWn3RzV7cLp2JdA", "get_weather"), (call.Id, call.Function!.Name));
        Assert.Equal("""{"location": "Tokyo, Japan", "unit": "celsius"}""", call.Function.Arguments);
    }

    [Fact]
    [HitsCassette("chat-request-json-schema-no-usage")]
    public async Task JsonSchemaFormatWithUsageDeclinedStreamsTheObjectAndNoUsage()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Chat.CompleteStreamingAsync(FeatureRequests.ChatJsonSchemaWithoutUsage());

        // Act
        var completion = await stream.GetFinalCompletionAsync();

        // Assert
        _gateway.AssertAnsweredBy("chat-request-json-schema-no-usage");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "chat-request-json-schema-no-usage");
        Assert.True(sent.GetProperty("stream").GetBoolean());
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        var choice = Assert.Single(completion.Choices!);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal("""{"city":"Paris","temperature_c":7.5,"conditions":"light rain"}""", choice.Message!.Content);
        Assert.Null(completion.Usage);
    }

    [Fact]
    [HitsCassette("chat-request-image-parts")]
    public async Task TextAndDataUrlImagePartsAreSentAsOneContentArray()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Chat.CompleteAsync(FeatureRequests.ChatImageParts());

        // Assert
        _gateway.AssertAnsweredBy("chat-request-image-parts");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "chat-request-image-parts");
        var parts = sent.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal(2, parts.GetArrayLength());
        Assert.StartsWith("data:image/png;base64,iVBOR", parts[1].GetProperty("image_url").GetProperty("url").GetString());
        var choice = Assert.Single(response.Value.Choices!);
        Assert.Equal("The image is a single pixel—a 1×1 image in a light grey tone,so there is nothing to recognise beyond that one colour.", choice.Message!.Content);
        Assert.Equal("stop", choice.FinishReason);
    }
}
