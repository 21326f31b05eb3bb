using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// Chat stream failures that say what went wrong: the first of several mid-stream error chunks is the one raised, a bare
/// error in the body is a stream error (a cut one a truncation), and a stream failing before any chunk keeps no partial.
/// </summary>
public sealed class ChatStreamEdgeTests
{
    private const string Url = "https://www.ezrouter.dev/v1/chat/completions";

    private const string Content =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Partial\"},\"finish_reason\":null}]}\n\n";

    private static EzrouterClient ClientAnswering(string sse)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Response(sse, "text/event-stream", "20261121999"));
        return TestClients.Create(mock);
    }

    [Fact]
    public async Task OfTwoMidStreamErrorChunksTheFirstIsTheOneRaised()
    {
        // Arrange
        using var client = ClientAnswering(Content
            + "data: {\"error\":{\"message\":\"upstream overloaded\",\"type\":\"upstream_error\",\"code\":529}}\n\n"
            + "data: {\"error\":{\"message\":\"a later echo\",\"type\":\"other_error\",\"code\":500}}\n\n"
            + "data: [DONE]\n\n");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        // Assert
        Assert.Equal(("upstream_error", "529", "upstream overloaded"), (error.ErrorType, error.ErrorCode, error.GatewayMessage));
    }

    [Fact]
    public async Task AMalformedFirstChunkFailsWithNoPartialCompletion()
    {
        // Arrange
        using var client = ClientAnswering("data: {not json\n\n");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        // Assert: nothing arrived, so there is nothing partial to keep.
        Assert.Contains("stream event 1 is malformed", error.Message, StringComparison.Ordinal);
        Assert.Null(error.PartialResponse);
    }

    [Fact]
    public async Task ABodyThatIsOnlyABareErrorIsAStreamError()
    {
        // Arrange: the error starts the body's tail at its very first byte.
        using var client = ClientAnswering("{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        // Assert
        Assert.Equal(("overloaded_error", "Overloaded"), (error.ErrorType, error.GatewayMessage));
    }

    [Fact]
    public async Task ABodyCutInsideABareErrorIsATruncation()
    {
        // Arrange: what looks like the start of an error envelope, cut before it could be read.
        using var client = ClientAnswering(Content + "{\"error\":{\"mess");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        // Assert
        Assert.Contains("the stream closed before data: [DONE] after 1 chunks", error.Message, StringComparison.Ordinal);
    }
}
