using System.Text;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Replay;

[Collection(TimingCollection.Name)]
public sealed class StreamingReplayTests
{
    private const string First = "data: {\"n\":1}\n\n";
    private const string Second = "data: {\"n\":2}\n\n";

    [Fact]
    public async Task FirstFrameArrivesBeforeTheDelayedFrameIsWritten()
    {
        // Arrange
        var cassette = TestCassettes.Chat("paused", """{"model":"m"}""", new CassetteResponse
        {
            Status = 200,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/event-stream" },
            Frames = [new CassetteFrame { Data = First }, new CassetteFrame { Data = Second, DelayMs = 1500 }],
        });
        await using var gateway = await TestCassettes.StartAsync(cassette);
        using var client = Wire.Client(gateway);

        // Act
        using var response = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", """{"model":"m"}"""));
        var received = await Wire.ReadAllAsync(response);

        // Assert: two separate reads, the second one at least ~the delay after the first. The delay is long enough that
        // a client starved of CPU on a loaded CI machine still takes the first frame alone.
        Assert.Equal(2, received.Chunks.Count);
        Assert.Equal(First, Encoding.UTF8.GetString(received.Chunks[0].Bytes));
        Assert.Equal(Second, Encoding.UTF8.GetString(received.Chunks[1].Bytes));
        Assert.True(received.Chunks[1].At - received.Chunks[0].At >= TimeSpan.FromMilliseconds(1000), $"gap {received.Chunks[1].At - received.Chunks[0].At}");
    }

    [Fact]
    public async Task HeadersArriveBeforeTheFirstDelayedFrame()
    {
        var cassette = TestCassettes.Chat("slow-start", """{"model":"m"}""", new CassetteResponse
        {
            Status = 200,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/event-stream" },
            Frames = [new CassetteFrame { Data = First, DelayMs = 400 }],
        });
        await using var gateway = await TestCassettes.StartAsync(cassette);
        using var client = Wire.Client(gateway);

        using var response = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", """{"model":"m"}"""));
        var received = await Wire.ReadAllAsync(response);

        // The reading clock starts once headers are in: the frame still had most of its delay to go.
        Assert.True(received.Chunks[0].At >= TimeSpan.FromMilliseconds(300), $"frame {received.Chunks[0].At} after headers");
        Assert.Equal(First, received.Text);
    }

    [Fact]
    public async Task EmbeddedStreamKeepsItsPauseBetweenFrames()
    {
        // Arrange: chat-stream-usage pauses ~300 ms before ", 4, 5."
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        var request = Wire.Post(
            "v1/chat/completions",
            """{"model":"claude-sonnet-4-6","stream":true,"messages":[{"role":"user","content":"Count to five."}]}""");

        // Act
        using var response = await Wire.SendAsync(client, request);
        var received = await Wire.ReadAllAsync(response);

        // Assert: ", 4, 5." follows 40 + 10 + 300 ms of frame delays after the headers.
        var before = received.Chunks.FindIndex(c => Encoding.UTF8.GetString(c.Bytes).Contains(", 3", StringComparison.Ordinal));
        var after = received.Chunks.FindIndex(c => Encoding.UTF8.GetString(c.Bytes).Contains(", 4, 5.", StringComparison.Ordinal));
        // On a heavily loaded machine the client may read late and get both frames in one read; the pause still
        // shows in when the later frame arrived.
        Assert.True(before >= 0 && after >= before, "the frames arrived out of order or not at all");
        Assert.True(received.Chunks[after].At >= TimeSpan.FromMilliseconds(300), $"arrived after {received.Chunks[after].At}");
        Assert.EndsWith("data: [DONE]\n\n", received.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbortEndResetsTheConnectionAfterTheLastFrame()
    {
        // Arrange: chat-stream-truncated ends with "abort".
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        var request = Wire.Post(
            "v1/chat/completions",
            """{"model":"deepseek-v4-flash","stream":true,"messages":[{"role":"user","content":"Tell me a long story."}]}""");

        // Act
        using var response = await Wire.SendAsync(client, request);
        var received = await Wire.ReadAllAsync(response);

        // Assert: every frame arrived, then the read failed instead of ending cleanly.
        Assert.IsAssignableFrom<IOException>(received.Failure);
        Assert.Contains("where the lighthouse keeper", received.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", received.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicFramesKeepTheirExtraBlankLine()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);
        var request = Wire.Post(
            "anthropic/v1/messages",
            """{"model":"claude-sonnet-4-6","stream":true,"max_tokens":1024,"messages":[{"role":"user","content":"What's the weather in Paris?"}]}""");

        using var response = await Wire.SendAsync(client, request);
        var received = await Wire.ReadAllAsync(response);

        Assert.StartsWith("event: message_start\ndata: {", received.Text, StringComparison.Ordinal);
        Assert.Contains("}\n\n\nevent: content_block_start\n", received.Text, StringComparison.Ordinal);
        Assert.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n\n", received.Text, StringComparison.Ordinal);
    }
}
