using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Ezrouter.Benchmarks.Payloads;

/// <summary>
/// The recorded answers, generated deterministically in code: four streams (a short chat, a long chat of 10 000
/// chunks, a tool-call-heavy chat, an Anthropic stream with thinking), the JSON each adds up to, and two small
/// non-stream answers (the model list in both shapes).
/// </summary>
internal static class Recordings
{
    public const string ShortChatName = "short-chat";
    public const string LongChatName = "long-chat";
    public const string ToolCallsName = "tool-calls";
    public const string AnthropicName = "anthropic-thinking";

    private static readonly Lazy<(Recording Sse, Recording Json)> ShortChatPair = new(() => Chat(ShortChatName, contentChunks: 10, tools: 0, seed: 1));
    private static readonly Lazy<(Recording Sse, Recording Json)> LongChatPair = new(() => Chat(LongChatName, contentChunks: 9_997, tools: 0, seed: 2));
    private static readonly Lazy<(Recording Sse, Recording Json)> ToolCallsPair = new(() => Chat(ToolCallsName, contentChunks: 3, tools: 4, seed: 3));
    private static readonly Lazy<(Recording Sse, Recording Json)> AnthropicPair = new(() => Anthropic(seed: 4));
    private static readonly Lazy<Recording> ShortMessagePair = new(JsonAnswers.ShortMessage);
    private static readonly Lazy<Recording> ModelsOpenAiShape = new(() => JsonAnswers.ModelList(anthropicShape: false));
    private static readonly Lazy<Recording> ModelsAnthropicShape = new(() => JsonAnswers.ModelList(anthropicShape: true));

    public static Recording ShortChat => ShortChatPair.Value.Sse;
    public static Recording LongChat => LongChatPair.Value.Sse;
    public static Recording ToolCalls => ToolCallsPair.Value.Sse;
    public static Recording AnthropicThinking => AnthropicPair.Value.Sse;
    public static Recording ModelsList => ModelsOpenAiShape.Value;

    /// <summary>A short chat as a plain JSON <c>chat.completion</c> (the small non-stream request).</summary>
    public static Recording ShortChatJson => ShortChatPair.Value.Json;

    /// <summary>The short chat's text as a plain JSON Anthropic <c>Message</c> (the small non-stream request).</summary>
    public static Recording ShortMessageJson => ShortMessagePair.Value;
    public static Recording AnthropicModelsList => ModelsAnthropicShape.Value;

    /// <summary>The chat streams, in report order.</summary>
    public static IReadOnlyList<Recording> ChatStreams => [ShortChat, LongChat, ToolCalls];

    public static Recording ByName(string name) => name switch
    {
        ShortChatName => ShortChat,
        LongChatName => LongChat,
        ToolCallsName => ToolCalls,
        AnthropicName => AnthropicThinking,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown recording"),
    };

    /// <summary>The non-stream JSON answer (<c>chat.completion</c> or <c>Message</c>) that a stream adds up to.</summary>
    public static Recording JsonEquivalentOf(Recording stream) => stream.Name switch
    {
        ShortChatName => ShortChatPair.Value.Json,
        LongChatName => LongChatPair.Value.Json,
        ToolCallsName => ToolCallsPair.Value.Json,
        AnthropicName => AnthropicPair.Value.Json,
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream.Name, "no JSON equivalent"),
    };

    private static (Recording, Recording) Chat(string name, int contentChunks, int tools, ulong seed)
    {
        var text = new TokenSource(seed);
        var writer = new ChatChunkWriter();
        using var body = new MemoryStream();
        var events = 0;
        var content = new StringBuilder();
        var calls = new List<(string Id, string Name, string Arguments)>();

        body.Write(writer.Role());
        events++;
        for (var i = 0; i < contentChunks; i++)
        {
            var token = text.NextToken();
            content.Append(token);
            body.Write(writer.Content(token));
            events++;
        }
        for (var t = 0; t < tools; t++)
        {
            // Gateway: a claude tool call's index is its block index − 1 (block 0 is the text).
            var (id, toolName, arguments) = ToolCall(t, text);
            calls.Add((id, toolName, arguments));
            body.Write(writer.ToolCallStart(t, id, toolName));
            events++;
            for (var at = 0; at < arguments.Length;)
            {
                var length = Math.Min(2 + text.Next(7), arguments.Length - at);
                body.Write(writer.ToolCallArguments(t, arguments.Substring(at, length)));
                at += length;
                events++;
            }
        }
        var finish = tools > 0 ? "tool_calls" : "stop";
        body.Write(writer.Finish(finish));
        body.Write(writer.Usage(contentChunks + tools * 40));
        body.Write(ChatChunkWriter.Done);
        events += 2;

        long chars = content.Length;
        foreach (var call in calls) chars += call.Arguments.Length;
        var sse = new Recording(name, body.ToArray(), Recording.EventStream, events, chars);
        var json = Recording.FromJson(name + "-json", JsonAnswers.Completion(content.ToString(), calls, finish, contentChunks + tools * 40), chars);
        return (sse, json);
    }

    private static (string Id, string Name, string Arguments) ToolCall(int t, TokenSource text)
    {
        string[] names = ["get_weather", "search_docs", "get_time", "lookup_order"];
        string[] words = ["alpha", "gateway", "stream", "token", "usage", "retry", "latency", "region", "model", "cache"];
        var query = new StringBuilder();
        for (var i = 0; i < 36; i++) query.Append(i == 0 ? "" : " ").Append(words[text.Next(words.Length)]);
        var arguments = $$"""{"location":"Paris, FR","days":{{3 + t}},"units":"celsius","include":["hourly","alerts"],"query":"{{query}}"}""";
        return ($"toolu_01{t}A9bQwXyZ{t}kLmN", names[t % names.Length], arguments);
    }

    private static (Recording, Recording) Anthropic(ulong seed)
    {
        var text = new TokenSource(seed);
        var writer = new AnthropicEventWriter();
        using var body = new MemoryStream();
        var events = 0;
        var thinking = new StringBuilder();
        var answer = new StringBuilder();
        var input = new StringBuilder();
        void Add(ReadOnlySpan<byte> frame)
        {
            body.Write(frame);
            events++;
        }

        Add(writer.MessageStart());
        Add(writer.Ping());
        Add(writer.BlockStart(0, "thinking"));
        for (var i = 0; i < 400; i++)
        {
            var phrase = text.NextPhrase(1, 3);
            thinking.Append(phrase);
            Add(writer.Delta(0, "thinking_delta", phrase));
        }
        var signature = Signature(text);
        Add(writer.Delta(0, "signature_delta", signature));
        Add(writer.BlockStop(0));
        Add(writer.BlockStart(1, "text"));
        for (var i = 0; i < 500; i++)
        {
            var phrase = text.NextPhrase(1, 2);
            answer.Append(phrase);
            Add(writer.Delta(1, "text_delta", phrase));
        }
        Add(writer.BlockStop(1));
        const string toolId = "toolu_01T1x9bQwXyZkLmNoPqRsTuV";
        Add(writer.BlockStart(2, "tool_use", toolId, "get_weather"));
        var arguments = ToolCall(0, text).Arguments;
        for (var at = 0; at < arguments.Length;)
        {
            var length = Math.Min(2 + text.Next(7), arguments.Length - at);
            input.Append(arguments, at, length);
            Add(writer.Delta(2, "input_json_delta", arguments.Substring(at, length)));
            at += length;
        }
        Add(writer.BlockStop(2));
        Add(writer.MessageDelta("tool_use", 1500));
        Add(writer.MessageStop());

        long chars = thinking.Length + signature.Length + answer.Length + input.Length;
        var sse = new Recording(AnthropicName, body.ToArray(), Recording.EventStream, events, chars, input.Length);
        var json = Recording.FromJson(AnthropicName + "-json", JsonAnswers.Message(thinking.ToString(), signature, answer.ToString(), toolId, arguments), chars, input.Length);
        return (sse, json);
    }

    private static string Signature(TokenSource text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var signature = new StringBuilder("EqQBCgIYAhIM");
        while (signature.Length < 344) signature.Append(alphabet[text.Next(alphabet.Length)]);
        return signature.Append("==").ToString();
    }
}
