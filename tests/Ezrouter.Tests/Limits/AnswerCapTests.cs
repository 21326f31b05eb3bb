using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;

namespace Ezrouter.Tests.Limits;

/// <summary>
/// <see cref="EzrouterLimits.MaxAnswerChars"/>: the text a call folds into its answer is bounded, for non-stream calls
/// and streams alike, and the error keeps everything folded so far.
/// </summary>
public sealed class AnswerCapTests
{
    private static string ChatBody(int chunks, int chars) =>
        string.Concat(Enumerable.Range(0, chunks).Select(i => "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string((char)('a' + i % 26), chars) + "\"}}]}\n\n"))
        + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    private static string ToolBody(int chunks, int chars) =>
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}\n\n"
        + string.Concat(Enumerable.Range(0, chunks).Select(_ => "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + new string('z', chars) + "\"}}]}}]}\n\n"))
        + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n";

    [Fact]
    public async Task ANonStreamAnswerPastTheCapIsTypedWithWhatWasFolded()
    {
        using var client = EventSizeTests.Client(ChatBody(30, 100), null, o => o.Limits.MaxAnswerChars = 2000);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        Assert.Contains("2000 characters (EzrouterLimits.MaxAnswerChars)", error.Message);
        Assert.Equal("20261202limits", error.RequestId);
        var content = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse).Choices![0].Message!.Content!;
        Assert.Equal(2100, content.Length);
    }

    [Fact]
    public async Task AStreamPastTheCapEndsInTheSameErrorAfterTheEventsBeforeIt()
    {
        using var client = EventSizeTests.Client(ChatBody(30, 100), null, o => o.Limits.MaxAnswerChars = 2000);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        var seen = 0;

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(async () => { await foreach (var _ in stream) seen++; });

        Assert.Equal(20, seen);
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Contains("MaxAnswerChars", error.Message);
        Assert.Equal(2100, Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse).Choices![0].Message!.Content!.Length);
    }

    [Fact]
    public async Task ToolArgumentsCountTowardsTheCap()
    {
        using var client = EventSizeTests.Client(ToolBody(30, 100), null, o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        var call = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse).Choices![0].Message!.ToolCalls![0];
        Assert.Equal(1100, call.Function!.Arguments!.Length);
    }

    [Fact]
    public async Task AnAnthropicAnswerPastTheCapIsTypedWithWhatWasFolded()
    {
        var body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n"
            + string.Concat(Enumerable.Repeat("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"" + new string('t', 300) + "\"}}\n\n", 10))
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        using var client = EventSizeTests.Client(body, null, o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Messages.CreateAsync(MessageStreamingTests.Request()));

        Assert.Contains("MaxAnswerChars", error.Message);
        Assert.Equal(1200, Assert.IsType<Message>(error.PartialResponse).Content![0].ThinkingBlock!.Thinking!.Length);
    }

    [Fact]
    public async Task NullLiftsTheCapAndTheDefaultIsGenerous()
    {
        using var lifted = EventSizeTests.Client(ChatBody(30, 100), null, o => o.Limits.MaxAnswerChars = null);
        using var byDefault = EventSizeTests.Client(ChatBody(30, 100), null, _ => { });

        Assert.Equal(3000, (await lifted.Chat.CompleteAsync(ChatCompletionTests.Request())).Value.Choices![0].Message!.Content!.Length);
        Assert.Equal(3000, (await byDefault.Chat.CompleteAsync(ChatCompletionTests.Request())).Value.Choices![0].Message!.Content!.Length);
        Assert.Equal(64L << 20, new EzrouterLimits().MaxAnswerChars);
    }

    [Fact]
    public async Task TheClientCopiesItsLimits()
    {
        EzrouterClientOptions? options = null;
        using var client = EventSizeTests.Client(ChatBody(30, 100), null, o => (options = o).Limits.MaxAnswerChars = 1024);
        options!.Limits.MaxAnswerChars = null;

        await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Limits.MaxAnswerChars = 10);
        Assert.Throws<ArgumentNullException>(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = "k", Limits = null! }));
    }
}
