using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit.Abstractions;

namespace Ezrouter.Tests.Limits;

/// <summary>
/// <see cref="EzrouterLimits.MaxEventBytes"/>: an event past it ends the call in a typed protocol error that names the
/// limit and keeps what arrived, enforced while the body is read (never a whole huge line in memory).
/// </summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class EventSizeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A50MbEventEndsTheStreamTypedWithThePartialAndBoundedHeap()
    {
        GeneratedSse? body = null;
        using var client = GeneratedSse.Client(() => body = new GeneratedSse(contentBytes: 64 * 1024, hugeEventBytes: 50L << 20));
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        var seen = 0;

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(async () =>
        {
            await foreach (var _ in stream) seen++;
        });

        Assert.Contains("MaxEventBytes", error.Message);
        Assert.Contains((16L << 20).ToString(), error.Message);
        Assert.Equal("20261202limits", error.RequestId);
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        var partial = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse);
        Assert.Equal(string.Concat(Enumerable.Repeat(GeneratedSse.Token, (int)body!.ContentChunks)), partial.Choices![0].Message!.Content);
        Assert.True(seen > 100);
        // The body is read no further than the limit past the event's start (measured: 32 MB peak, 16.1 MB read;
        // before the limit, the whole 50 MB line was buffered, with +428 MB of heap).
        Assert.True(body.Produced < (17L << 20), $"read {body.Produced} bytes");
        output.WriteLine($"50 MB event: peak heap growth {body.PeakHeapBytes / 1048576.0:F1} MB, {body.Produced / 1048576.0:F1} MB read");
        Assert.True(body.PeakHeapBytes < 48L << 20, $"heap grew {body.PeakHeapBytes / 1048576.0:F1} MB");
    }

    [Fact]
    public async Task A50MbEventInANonStreamAnswerIsTypedWithThePartial()
    {
        GeneratedSse? body = null;
        using var client = GeneratedSse.Client(() => body = new GeneratedSse(contentBytes: 4096, hugeEventBytes: 50L << 20));

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        Assert.Contains("MaxEventBytes", error.Message);
        var partial = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse);
        Assert.StartsWith(GeneratedSse.Token, partial.Choices![0].Message!.Content);
        output.WriteLine($"non-stream 50 MB event: peak heap growth {body!.PeakHeapBytes / 1048576.0:F1} MB");
        Assert.True(body.PeakHeapBytes < 48L << 20, $"heap grew {body.PeakHeapBytes / 1048576.0:F1} MB");
    }

    public static TheoryData<string> LineEnds => new() { "\n", "\r\n", "\r" };

    [Theory]
    [MemberData(nameof(LineEnds))]
    public async Task ALimitOfOneKibCountsTheLinesOfOneEventNotTheStream(string end)
    {
        var chunk = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('x', 800) + "\"}}]}" + end + end;
        var done = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}" + end + end + "data: [DONE]" + end + end;
        var fine = string.Concat(Enumerable.Repeat(chunk, 20)) + done;
        using var client = Client(fine, Delivery.Named("1 byte per read"), o => o.Limits.MaxEventBytes = 1024);

        var completion = await client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync();

        Assert.Equal(20 * 800, completion.Choices![0].Message!.Content!.Length);
    }

    [Theory]
    [MemberData(nameof(LineEnds))]
    public async Task AnEventOfManyShortLinesCountsAsOne(string end)
    {
        // Each data line is short, but the parser joins an event's lines into one buffer: the event is what is bounded.
        var first = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}" + end + end;
        var many = string.Concat(Enumerable.Repeat("data: " + new string(' ', 90) + end, 20)) + end;
        using var client = Client(first + many, null, o => o.Limits.MaxEventBytes = 1024);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(async () => { await foreach (var _ in stream) { } });

        Assert.Contains("1024 bytes (EzrouterLimits.MaxEventBytes)", error.Message);
        Assert.Equal("ok", Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse).Choices![0].Message!.Content);
    }

    [Fact]
    public async Task AnAnthropicEventPastTheLimitIsTypedWithThePartial()
    {
        var start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n";
        var block = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"kept\"}}\n\n";
        var huge = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + new string('y', 5000) + "\"}}\n\n";
        using var client = Client(start + block + huge, null, o => o.Limits.MaxEventBytes = 4096);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync());

        Assert.Contains("MaxEventBytes", error.Message);
        var partial = Assert.IsType<Ezrouter.Generated.Anthropic.Models.Message>(error.PartialResponse);
        Assert.Equal("kept", partial.Content![0].TextBlock!.Text);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1023L)]
    [InlineData((1L << 30) + 1)]
    public void MaxEventBytesOutsideItsBoundsIsRefused(long value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EzrouterLimits { MaxEventBytes = value });

    internal static EzrouterClient Client(string body, Delivery? delivery, Action<EzrouterClientOptions> configure)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(_ => TestClients.Sse(body, "20261202limits", delivery));
        return TestClients.Create(mock, configure);
    }
}

/// <summary>Tests that measure the managed heap run one at a time, so another test's allocations are not counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "Heap measuring";
}
