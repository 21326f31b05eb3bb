using System.Net;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Profiles;
using Ezrouter.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Chat;

/// <summary>
/// The chat client's own contract: arguments refused by name, an operation the profile lacks refused before sending, an
/// answer with no body, and a JSON answer to a stream request read as one chunk.
/// </summary>
public class ChatCompletionsClientTests
{
    private const string Url = "https://www.ezrouter.dev/v1/chat/completions";

    [Fact]
    public async Task ANullRequestIsRefusedByNameOnBothCalls()
    {
        using var client = TestClients.Create(new MockHttpMessageHandler());

        var whole = await Assert.ThrowsAsync<ArgumentNullException>(() => client.Chat.CompleteAsync(null!));
        var stream = Assert.Throws<ArgumentNullException>(() => client.Chat.CompleteStreamingAsync(null!));

        Assert.Equal(("request", "request"), (whole.ParamName, stream.ParamName));
    }

    [Fact]
    public async Task AProfileWithoutChatCompletionsRefusesBothCallsBeforeSending()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(_ => TestClients.Sse(Payloads.ChatSse));
        var profile = new GatewayProfile { Name = "messages-only", BaseUrl = new Uri("https://llm.example.com"), Operations = GatewayOperations.Messages };
        using var client = TestClients.Create(mock, o => o.Profile = profile);

        var whole = await Assert.ThrowsAsync<EzrouterOperationNotSupportedException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));
        var stream = Assert.Throws<EzrouterOperationNotSupportedException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()));

        Assert.Equal((GatewayOperations.ChatCompletions, "messages-only"), (whole.Operation, whole.ProfileName));
        Assert.Equal(GatewayOperations.ChatCompletions, stream.Operation);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task AnAnswerWithNoBodyIsAProtocolErrorThatSaysSo()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        Assert.Equal(204, error.StatusCode);
        Assert.Contains("the response had no body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonAnswerToAStreamRequestIsOneChunkWithItsToolCalls()
    {
        const string json = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1763683200,\"model\":\"gpt-5.2\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
            + "{\"id\":\"call_A\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},"
            + "{\"id\":\"call_B\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},"
            + "\"finish_reason\":\"tool_calls\"}]}";
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Json(json));
        using var client = TestClients.Create(mock);
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        var chunks = new List<CreateChatCompletionStreamResponse>();

        await foreach (var chunk in stream) chunks.Add(chunk);

        var only = Assert.Single(chunks);
        Assert.Equal(("chat.completion.chunk", "chatcmpl-1"), (only.Object, only.Id));
        Assert.Equal(
            [(0, "call_A", "get_weather", "{\"city\":\"Paris\"}"), (1, "call_B", "get_time", "{}")],
            only.Choices![0].Delta!.ToolCalls!.Select(t => (t.Index, t.Id, t.Function!.Name, t.Function.Arguments)));
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        var message = (await stream.GetFinalCompletionAsync()).Choices![0].Message!;
        Assert.Equal(["call_A", "call_B"], message.ToolCalls!.Select(t => t.Id));
        Assert.Equal("{\"city\":\"Paris\"}", message.ToolCalls![0].Function!.Arguments);
    }
}
