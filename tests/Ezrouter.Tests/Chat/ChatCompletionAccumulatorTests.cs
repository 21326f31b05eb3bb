using Ezrouter.Chat;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Chat;

/// <summary>
/// The chat accumulator on its own and in a stream: what it fills in when chunks leave a field out, tool calls that
/// never carry an id, and refusals, which count toward the answer cap like any other text.
/// </summary>
public class ChatCompletionAccumulatorTests
{
    private static ChatCompletionResponseMessage Message(params ChatCompletionStreamResponseDelta[] deltas)
    {
        var accumulator = new ChatCompletionAccumulator();
        foreach (var delta in deltas)
            accumulator.Add(new CreateChatCompletionStreamResponse { Id = "c", Choices = [new ChatCompletionStreamChoice { Index = 0, Delta = delta }] });
        return Assert.Single(accumulator.ToCompletion().Choices!).Message!;
    }

    private static ChatCompletionMessageToolCallChunk Call(int index, string? id, string? name, string arguments, string? type = null) =>
        new() { Index = index, Id = id, Type = type, Function = new ChatCompletionMessageToolCallChunkFunction { Name = name, Arguments = arguments } };

    [Fact]
    public void AChoiceWhoseChunksNeverNameARoleIsTheAssistants()
    {
        var message = Message(new ChatCompletionStreamResponseDelta { Content = "Hi" });

        Assert.Equal(("assistant", "Hi"), (message.Role, message.Content));
    }

    [Fact]
    public void TheRoleTheChunksNameIsKept()
    {
        var message = Message(new ChatCompletionStreamResponseDelta { Role = "tool", Content = "42" });

        Assert.Equal("tool", message.Role);
    }

    [Fact]
    public void AToolCallWhoseChunksNeverNameATypeIsAFunction()
    {
        var message = Message(new ChatCompletionStreamResponseDelta { ToolCalls = [Call(0, "call_1", "now", "{}")] });

        Assert.Equal(("call_1", "function"), (message.ToolCalls![0].Id, message.ToolCalls[0].Type));
    }

    [Fact]
    public void ToolCallsThatNeverCarryAnIdAreAssembledByIndex()
    {
        // Some gateways send no id at all: each index is then one call, its chunks joined in order.
        var message = Message(
            new ChatCompletionStreamResponseDelta { ToolCalls = [Call(0, null, "get_weather", "{\"city\":"), Call(1, null, "get_time", "{")] },
            new ChatCompletionStreamResponseDelta { ToolCalls = [Call(0, null, null, "\"Paris\"}"), Call(1, null, null, "}")] });

        Assert.Equal(
            [(null, "get_weather", "{\"city\":\"Paris\"}"), (null, "get_time", "{}")],
            message.ToolCalls!.Select(t => (t.Id, t.Function!.Name, t.Function.Arguments)));
    }

    [Fact]
    public void RefusalDeltasAreJoined()
    {
        var message = Message(new ChatCompletionStreamResponseDelta { Refusal = "I can't " }, new ChatCompletionStreamResponseDelta { Refusal = "help with that." });

        Assert.Equal(("I can't help with that.", null), (message.Refusal, message.Content));
    }

    private const string Stop = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";

    [Fact]
    public async Task ARefusalPastTheAnswerCapIsAProtocolError()
    {
        var mock = new MockHttpMessageHandler();
        var chunk = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"" + new string('x', 600) + "\"}}]}\n\n";
        mock.When(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions").Respond(_ => TestClients.Sse(chunk + chunk + Stop + "data: [DONE]\n\n"));
        using var client = TestClients.Create(mock, o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        Assert.Contains("MaxAnswerChars", error.Message, StringComparison.Ordinal);
    }
}
