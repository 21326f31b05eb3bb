using Ezrouter.ContractTests.Support;
using Ezrouter.Messages;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.ContractTests.Requests;

/// <summary>
/// Issue 13, item 3, Anthropic surface: the SDK sends tools with tool_choice, thinking with a budget, a system array
/// with cache_control, metadata.user_id, a base64 image block, and a tool_use / tool_result round trip; the recorded
/// gateway matches each as a whole JSON value, the body validates against anthropic.yaml, and the answer is read.
/// </summary>
public sealed class MessagesRequestFeatureContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public MessagesRequestFeatureContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("anthropic-request-tool-choice")]
    public async Task ToolChoiceNamingOneToolIsSentAndTheToolUseComesBackAlone()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Messages.CreateAsync(FeatureRequests.MessageToolChoice());

        // Assert
        _gateway.AssertAnsweredBy("anthropic-request-tool-choice");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "anthropic-request-tool-choice");
        Assert.Equal("tool", sent.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Equal("tool_use", response.Value.StopReason);
        var toolUse = Assert.Single(response.Value.Content!).ToolUseBlock!;
        Assert.Equal(("toolu_01Wm4QcR8nXb2LkT6vZs9HdF", "get_weather"), (toolUse.Id, toolUse.Name));
        var input = Assert.IsType<UntypedObject>(toolUse.Input).GetValue();
        Assert.Equal("Berlin, Germany", Assert.IsType<UntypedString>(input["location"]).GetValue());
    }

    [Fact]
    [HitsCassette("anthropic-request-thinking-cached-system")]
    public async Task ThinkingCachedSystemBlocksAndUserIdAreSentAndTheCacheWriteIsCounted()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Messages.CreateAsync(FeatureRequests.MessageThinkingCachedSystem());

        // Assert
        _gateway.AssertAnsweredBy("anthropic-request-thinking-cached-system");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "anthropic-request-thinking-cached-system");
        Assert.Equal("ephemeral", sent.GetProperty("system")[1].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.False(sent.GetProperty("system")[0].TryGetProperty("cache_control", out _));
        Assert.Collection(response.Value.Content!,
            block =>
            {
                Assert.StartsWith("Oslo in December with clear skies", block.ThinkingBlock!.Thinking);
                Assert.StartsWith("EqQBCkYICBgCKk", block.ThinkingBlock.Signature);
            },
            block => Assert.StartsWith("Very likely: clear December nights", block.TextBlock!.Text));
        var usage = EzrouterUsage.From(response.Value.Usage!);
        Assert.Equal((21 + 1843, 0, 1843, 1843), (usage.InputTokens, usage.CacheReadTokens, usage.CacheWriteTokens, usage.CacheWrite5mTokens));
        Assert.Equal(112, usage.OutputTokens);
    }

    [Fact]
    [HitsCassette("anthropic-request-image")]
    public async Task Base64ImageBlockIsSentBeforeTheTextBlock()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Messages.CreateAsync(FeatureRequests.MessageImage());

        // Assert
        _gateway.AssertAnsweredBy("anthropic-request-image");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "anthropic-request-image");
        var source = sent.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("source");
        Assert.Equal(("base64", "image/png"), (source.GetProperty("type").GetString(), source.GetProperty("media_type").GetString()));
        Assert.Equal(FeatureRequests.PngBase64, source.GetProperty("data").GetString());
        Assert.Equal("It is a single light-grey pixel, a 1×1 image with nothing else to see.", Assert.Single(response.Value.Content!).TextBlock!.Text);
        Assert.Equal("end_turn", response.Value.StopReason);
    }

    [Fact]
    [HitsCassette("anthropic-request-tool-result")]
    public async Task ToolUseSentBackWithItsToolResultGetsTheFinalAnswer()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var response = await client.Messages.CreateAsync(FeatureRequests.MessageToolResult());

        // Assert
        _gateway.AssertAnsweredBy("anthropic-request-tool-result");
        var sent = await SentRequest.AssertConformsAsync(_gateway, "anthropic-request-tool-result");
        var messages = sent.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(FeatureRequests.ToolUseId, messages[2].GetProperty("content")[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("It's 15 °C in Paris right now, with light rain and a westerly wind of 20 km/h, so take an umbrella.", Assert.Single(response.Value.Content!).TextBlock!.Text);
        var usage = EzrouterUsage.From(response.Value.Usage!);
        Assert.Equal((86 + 1536, 1536, 0), (usage.InputTokens, usage.CacheReadTokens, usage.CacheWriteTokens));
    }
}
