using Ezrouter.Chat;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>Chat streams: every stream ends completed, in a typed error, or truncated, and keeps what arrived.</summary>
public class ChatStreamingTests
{
    private const string Url = "https://www.ezrouter.dev/v1/chat/completions";

    private static EzrouterClient ClientAnswering(string sse, Delivery? delivery = null, string contentType = "text/event-stream")
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Response(sse, contentType, "20261121999", delivery: delivery));
        return TestClients.Create(mock);
    }

    private static string Chunk(string deltaJson, string? finish = null) =>
        $$"""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-5.2","choices":[{"index":0,"delta":{{deltaJson}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""" + "\n\n";

    private static async Task<List<CreateChatCompletionStreamResponse>> DrainAsync(ChatCompletionStream stream)
    {
        var chunks = new List<CreateChatCompletionStreamResponse>();
        await foreach (var chunk in stream) chunks.Add(chunk);
        return chunks;
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task StreamYieldsEveryChunkAndCompletes(Delivery delivery)
    {
        using var client = ClientAnswering(Payloads.ChatSse, delivery);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());

        var chunks = await DrainAsync(stream);

        Assert.Equal(5, chunks.Count);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal("Hello there!", string.Concat(chunks.Select(c => c.Choices?.FirstOrDefault()?.Delta?.Content)));
        Assert.Equal("20261121999", stream.ResponseInfo.RequestId);
        Assert.Equal(1209, stream.Accumulator.Usage!.TotalTokens);
    }

    [Fact]
    public async Task StreamRequestSendsStreamTrueWithoutChangingTheCallersRequest()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).WithPartialContent("\"stream\":true").Respond(_ => TestClients.Sse(Payloads.ChatSse));
        using var client = TestClients.Create(mock);
        var request = ChatCompletionTests.Request();

        await DrainAsync(client.Chat.CompleteStreamingAsync(request));

        Assert.Null(request.Stream);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StreamRequestBodyIsValidJsonWithStreamTrueWhateverTheModelSays(bool? stream)
    {
        string? sent = null;
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(async request =>
        {
            sent = await request.Content!.ReadAsStringAsync();
            return TestClients.Sse(Payloads.ChatSse);
        });
        using var client = TestClients.Create(mock);
        var request = ChatCompletionTests.Request();
        request.Stream = stream;

        await DrainAsync(client.Chat.CompleteStreamingAsync(request));

        var body = System.Text.Json.JsonDocument.Parse(sent!).RootElement;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal("claude-sonnet-4-6", body.GetProperty("model").GetString());
        Assert.Equal(stream, request.Stream);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task AggregatedStreamEqualsTheNonStreamResult(Delivery delivery)
    {
        using var client = ClientAnswering(Payloads.ChatSse, delivery);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        var fromStream = await stream.GetFinalCompletionAsync();
        using var other = ClientAnswering(Payloads.ChatSse, delivery);

        var nonStream = (await other.Chat.CompleteAsync(ChatCompletionTests.Request())).Value;

        Assert.Equal(Generated.GeneratedClientTests.Write(nonStream), Generated.GeneratedClientTests.Write(fromStream));
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task MidStreamErrorChunkRaisesAStreamErrorWithPartialContentAndLaterUsage(Delivery delivery)
    {
        var sse = Chunk("""{"role":"assistant","content":"Partial"}""")
            + "data: {\"error\":{\"message\":\"upstream overloaded (request id: 20261121abc)\",\"type\":\"upstream_error\",\"code\":529}}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n"
            + "data: [DONE]\n\n";
        using var client = ClientAnswering(sse, delivery);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        var seen = new List<string?>();

        var error = await Assert.ThrowsAsync<EzrouterStreamException>(async () =>
        {
            await foreach (var chunk in stream) seen.Add(chunk.Choices?.FirstOrDefault()?.Delta?.Content);
        });

        Assert.Equal(["Partial"], seen);
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Equal("upstream_error", error.ErrorType);
        Assert.Equal("529", error.ErrorCode);
        Assert.Equal("upstream overloaded", error.GatewayMessage);
        Assert.Equal("20261121abc", error.RequestId);
        var partial = Assert.IsType<CreateChatCompletionResponse>(error.PartialResponse);
        Assert.Equal("Partial", partial.Choices![0].Message!.Content);
        Assert.Equal(6, partial.Usage!.TotalTokens);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task ErrorJsonWrittenWithoutDataPrefixIsATypedErrorNotATruncation(Delivery delivery)
    {
        // Gateway: a Claude upstream's event: error becomes a bare Shape O JSON in the 200 body, no [DONE]
        // (docs/gateway-behavior.md §10).
        var sse = Chunk("""{"role":"assistant","content":"Half an ans"}""")
            + "{\"error\":{\"message\":\"Overloaded (request id: 20261121def)\",\"type\":\"overloaded_error\",\"code\":\"\"}}";
        using var client = ClientAnswering(sse, delivery);

        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        Assert.Equal("overloaded_error", error.ErrorType);
        Assert.Equal("Overloaded", error.GatewayMessage);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("Half an ans", ((CreateChatCompletionResponse)error.PartialResponse!).Choices![0].Message!.Content);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task StreamClosedBeforeDoneIsTruncatedAndKeepsTheContent(Delivery delivery)
    {
        using var client = ClientAnswering(Chunk("""{"role":"assistant","content":"Cut "}""") + Chunk("""{"content":"here"}"""), delivery);

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        Assert.Contains("before data: [DONE]", error.Message);
        Assert.Equal("20261121999", error.RequestId);
        Assert.Equal("Cut here", ((CreateChatCompletionResponse)error.PartialResponse!).Choices![0].Message!.Content);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task DoneWithoutFinishReasonIsTruncated(Delivery delivery)
    {
        using var client = ClientAnswering(Chunk("""{"role":"assistant","content":"Idle"}""") + "data: [DONE]\n\n", delivery);

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        Assert.Contains("no finish_reason", error.Message);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task NonStreamCallOnATruncatedSseAnswerRaisesTruncationToo(Delivery delivery)
    {
        using var client = ClientAnswering(Chunk("""{"role":"assistant","content":"Cut"}"""), delivery);

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.OpenAi.V1.Chat.Completions.PostAsync(ChatCompletionTests.Request()));

        Assert.Equal("Cut", ((CreateChatCompletionResponse)error.PartialResponse!).Choices![0].Message!.Content);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task MalformedEventIsAProtocolErrorThatKeepsWhatArrived(Delivery delivery)
    {
        using var client = ClientAnswering(Chunk("""{"role":"assistant","content":"ok so far"}""") + "data: {not json\n\n" + "data: [DONE]\n\n", delivery);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        Assert.Contains("stream event 2 is malformed (not JSON)", error.Message);
        Assert.Contains("{not json", error.Message);
        Assert.Equal("ok so far", ((CreateChatCompletionResponse)error.PartialResponse!).Choices![0].Message!.Content);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task CommentsAndCrLfFramingAreHandled(Delivery delivery)
    {
        var sse = ": PING\r\n\r\n" + Chunk("""{"role":"assistant","content":"A"}""").Replace("\n", "\r\n") + ": keep-alive\n\n" + Chunk("""{"content":"B"}""", "stop") + "data: [DONE]\r\n\r\n";
        using var client = ClientAnswering(sse, delivery);

        var completion = await client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync();

        Assert.Equal("AB", completion.Choices![0].Message!.Content);
    }

    [Fact]
    public async Task JsonAnswerToAStreamRequestArrivesAsOneChunk()
    {
        using var client = ClientAnswering(Payloads.ChatCompletionJson, contentType: "application/json");
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());

        var chunks = await DrainAsync(stream);

        var chunk = Assert.Single(chunks);
        Assert.Equal("Hello there!", chunk.Choices![0].Delta!.Content);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal("Hello there!", stream.Accumulator.ToCompletion().Choices![0].Message!.Content);
    }

    [Fact]
    public async Task AStreamCanBeEnumeratedOnlyOnce()
    {
        using var client = ClientAnswering(Payloads.ChatSse);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        await DrainAsync(stream);

        await Assert.ThrowsAsync<InvalidOperationException>(() => DrainAsync(stream));
    }

    [Fact]
    public async Task FinalResultOfAStreamLeftPartWayThrowsInsteadOfReturningAPartialOne()
    {
        using var client = ClientAnswering(Payloads.ChatSse);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        await using (var chunks = stream.GetAsyncEnumerator())
            Assert.True(await chunks.MoveNextAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.GetFinalCompletionAsync());
    }

    [Fact]
    public async Task UnreadableJsonAnswerToAStreamRequestIsAProtocolError()
    {
        using var client = ClientAnswering("{\"id\": ", contentType: "application/json");
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());

        await Assert.ThrowsAsync<EzrouterProtocolException>(() => stream.GetFinalCompletionAsync());
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
    }
}
