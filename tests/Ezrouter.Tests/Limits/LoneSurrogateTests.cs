using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Streaming;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Tests.Limits;

/// <summary>
/// Tool arguments are JSON inside a JSON string, so <c>\\ud800</c> in an event reaches us as <c>\ud800</c> in the
/// arguments: a surrogate with no partner, which no .NET string can decode. Both surfaces keep the arguments, with
/// U+FFFD in its place, rather than failing the whole answer.
/// </summary>
public sealed class LoneSurrogateTests
{
    private const string Input = "{\\\"q\\\":\\\"a\\\\ud800b\\\",\\\"pair\\\":\\\"\\\\ud83d\\\\ude00\\\"}";

    private static string AnthropicBody(string partialJson) =>
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"search\",\"input\":{}}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + partialJson + "\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":5}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    [Fact]
    public async Task AnthropicToolInputKeepsItsTextWithTheReplacementCharacter()
    {
        using var client = EventSizeTests.Client(AnthropicBody(Input), null, _ => { });

        var whole = (await client.Messages.CreateAsync(MessageStreamingTests.Request())).Value;
        var streamed = await client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync();

        foreach (var message in new[] { whole, streamed })
        {
            var input = Assert.IsType<UntypedObject>(message.Content![0].ToolUseBlock!.Input).GetValue();
            Assert.Equal("a\uFFFDb", ((UntypedString)input["q"]).GetValue());
            Assert.Equal("\U0001F600", ((UntypedString)input["pair"]).GetValue());
        }
    }

    [Fact]
    public async Task ChatToolArgumentsKeepTheirTextWithTheReplacementCharacter()
    {
        var body = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"search\",\"arguments\":\"" + Input + "\"}}]}}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n";
        using var client = EventSizeTests.Client(body, null, _ => { });

        var completion = (await client.Chat.CompleteAsync(ChatCompletionTests.Request())).Value;

        var arguments = completion.Choices![0].Message!.ToolCalls![0].Function!.Arguments!;
        Assert.Equal("{\"q\":\"a\\uFFFDb\",\"pair\":\"\\ud83d\\ude00\"}", arguments);
        using var parsed = System.Text.Json.JsonDocument.Parse(arguments);
        Assert.Equal("a\uFFFDb", parsed.RootElement.GetProperty("q").GetString());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("\\ud800", "\\uFFFD")]
    [InlineData("\\udc00x", "\\uFFFDx")]
    [InlineData("\\ud800\\ud800\\udc00", "\\uFFFD\\ud800\\udc00")]
    [InlineData("\\\\ud800", "\\\\ud800")]
    [InlineData("\\\\\\ud800", "\\\\\\uFFFD")]
    [InlineData("\\u00e9\\uD800", "\\u00e9\\uFFFD")]
    [InlineData("end\\ud80", "end\\ud80")]
    [InlineData("\\ud800 a \\udc00 b", "\\uFFFD a \\uFFFD b")]
    [InlineData("\\\\d800 \\u0041", "\\\\d800 \\u0041")]
    [InlineData("\\ud800\\", "\\uFFFD\\")]
    public void LoneSurrogateEscapesAndOnlyThoseAreReplaced(string json, string expected) =>
        Assert.Equal(expected, LoneSurrogates.Replace(json));

    [Fact]
    public void TheAccumulatorOnItsOwnKeepsTheInput()
    {
        var accumulator = new Ezrouter.Messages.MessageAccumulator();
        accumulator.Add(new MessageStreamEvent { ContentBlockStartEvent = new ContentBlockStartEvent { Index = 0, ContentBlock = new ContentBlock { ToolUseBlock = new ToolUseBlock { Type = "tool_use", Id = "t", Name = "n" } } } });
        accumulator.Add(new MessageStreamEvent { ContentBlockDeltaEvent = new ContentBlockDeltaEvent { Index = 0, Delta = new ContentBlockDelta { InputJsonDelta = new InputJsonDelta { PartialJson = "{\"q\":\"\\ud800\"}" } } } });

        var input = Assert.IsType<UntypedObject>(accumulator.ToMessage().Content![0].ToolUseBlock!.Input).GetValue();

        Assert.Equal("\uFFFD", ((UntypedString)input["q"]).GetValue());
    }
}
