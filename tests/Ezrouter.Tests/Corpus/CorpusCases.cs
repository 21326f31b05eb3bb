using System.Net;
using System.Text;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Corpus;

/// <summary>
/// The bad-input corpus of issue #12 item 5, generated. Each family is in a file of its own
/// (<c>CorpusCases.*.cs</c>); ids are <c>family/variant/call</c>. In-process cases answer through a transport
/// handler; loopback cases write raw bytes on a real socket.
/// </summary>
public static partial class CorpusCases
{
    public static readonly CorpusCall[] AllCalls = Enum.GetValues<CorpusCall>();

    public static readonly CorpusCall[] ChatCalls = [CorpusCall.ChatComplete, CorpusCall.ChatStream];

    public static readonly CorpusCall[] MessagesCalls = [CorpusCall.MessagesCreate, CorpusCall.MessagesStream];

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> All = new(() =>
    {
        var cases = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var c in Truncation().Concat(Framing()).Concat(InvalidUtf8()).Concat(StatusCodes()).Concat(RetryAfter())
                     .Concat(JsonBodies()).Concat(EventData()).Concat(Secrets()).Concat(LoopbackCases()))
            cases.Add(c.Id, c);
        return cases;
    });

    public static CorpusCase Get(string id) => All.Value[id];

    public static IEnumerable<CorpusCase> Every => All.Value.Values;

    private static readonly Lazy<ILookup<string, CorpusCase>> Groups = new(() => Every.Where(c => !c.Loopback).ToLookup(c => c.Group ?? c.Id, StringComparer.Ordinal));

    /// <summary>The in-process theory rows: a case's id, or the name of a block of cases.</summary>
    public static TheoryData<string> InProcessGroups()
    {
        var data = new TheoryData<string>();
        foreach (var group in Groups.Value) data.Add(group.Key);
        return data;
    }

    public static IEnumerable<CorpusCase> InGroup(string group) => Groups.Value[group];

    public static TheoryData<string> LoopbackIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in Every.Where(c => c.Loopback)) data.Add(c.Id);
        return data;
    }

    // ---- answers every family shares ----

    public const string ChatJson =
        """{"id":"chatcmpl-corpus","object":"chat.completion","created":1795253440,"model":"claude-sonnet-4-6","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""";

    public const string MessageJson =
        """{"id":"msg_corpus","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"Hello there!"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":3}}""";

    public const string ModelsJson =
        """{"object":"list","data":[{"id":"claude-sonnet-4-6","object":"model","created":1626777600,"owned_by":"vertex-ai","supported_endpoint_types":["anthropic","openai"]},{"id":"gpt-5.2","object":"model","created":1626777600,"owned_by":"openai","supported_endpoint_types":["openai"]}]}""";

    public static bool IsStream(CorpusCall call) => call is CorpusCall.ChatStream or CorpusCall.MessagesStream;

    public static bool IsAnthropic(CorpusCall call) => call is CorpusCall.MessagesCreate or CorpusCall.MessagesStream;

    /// <summary>The call's good answer: (body, content type) — SSE for the stream calls, JSON for the others.</summary>
    public static (string Body, string ContentType) GoodAnswer(CorpusCall call) => call switch
    {
        CorpusCall.ChatComplete => (ChatJson, "application/json"),
        CorpusCall.MessagesCreate => (MessageJson, "application/json"),
        CorpusCall.ModelsList => (ModelsJson, "application/json"),
        CorpusCall.ChatStream => (Recorded.ChatBody.Value, "text/event-stream"),
        CorpusCall.MessagesStream => (Recorded.MessagesBody.Value, "text/event-stream"),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    /// <summary>The call's JSON answer (a stream call takes one too: the gateway may answer a stream request with JSON).</summary>
    public static string JsonAnswer(CorpusCall call) => call switch
    {
        CorpusCall.ChatComplete or CorpusCall.ChatStream => ChatJson,
        CorpusCall.MessagesCreate or CorpusCall.MessagesStream => MessageJson,
        _ => ModelsJson,
    };

    /// <summary>The result of <see cref="GoodAnswer"/>, checked.</summary>
    public static Expect.Completed GoodResult(CorpusCall call) => call switch
    {
        CorpusCall.ChatStream => Recorded.CompletedWith(Recorded.ChatAggregate.Value),
        CorpusCall.MessagesStream => Recorded.CompletedWith(Recorded.MessagesAggregate.Value),
        _ => JsonResult(call),
    };

    /// <summary>The result of <see cref="JsonAnswer"/>, checked.</summary>
    public static Expect.Completed JsonResult(CorpusCall call) => call switch
    {
        CorpusCall.ChatComplete or CorpusCall.ChatStream => new("Hello there!", v =>
            v is OpenAiModels.CreateChatCompletionResponse { Choices: [{ Message.Content: "Hello there!", FinishReason: "stop" }] } ? null : "not the JSON answer's completion"),
        CorpusCall.MessagesCreate or CorpusCall.MessagesStream => new("Hello there!", v =>
            v is AnthropicModels.Message { StopReason: "end_turn", Content: [{ TextBlock.Text: "Hello there!" }] } ? null : "not the JSON answer's message"),
        _ => new("two models", v =>
            v is IReadOnlyList<OpenAiModels.Model> { Count: 2 } models && models[0].Id == "claude-sonnet-4-6" && models[1].Id == "gpt-5.2" ? null : "not the two models"),
    };

    /// <summary>An error envelope of the OpenAI shape.</summary>
    public static string Envelope(string message, string type = "corpus_error", string code = "corpus", string? param = null) =>
        "{\"error\":{\"message\":" + Quote(message) + ",\"type\":" + Quote(type) + ",\"code\":" + Quote(code) + ",\"param\":" + (param is null ? "null" : Quote(param)) + "}}";

    public static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static CorpusCase Case(string id, CorpusCall call, Func<HttpResponseMessage> respond, Expect expect) =>
        new() { Id = $"{id}/{call}", Call = call, Respond = _ => respond(), Expect = expect };

    public static Func<HttpResponseMessage> Sse(byte[] body) => () => Answer.Bytes(HttpStatusCode.OK, body, "text/event-stream");

    public static Func<HttpResponseMessage> Sse(string body) => Sse(Encoding.UTF8.GetBytes(body));
}
