using System.Text;
using System.Text.Json;
using Ezrouter.Chat;
using Ezrouter.Messages;
using Ezrouter.Testing;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Corpus;

/// <summary>
/// The two recorded streams the corpus and the properties cut, re-chunk and perturb: a chat completion with usage
/// (<c>chat-stream-usage</c>) and an Anthropic message with thinking, text and tool use (<c>anthropic-stream</c>).
/// The expected results are computed here independently of the SDK's reader: a reference SSE framer (LF bodies, as
/// recorded), each event's JSON parsed by Kiota's parse node, folded by the public accumulators.
/// </summary>
public static class Recorded
{
    public const string ChatCassette = "chat-stream-usage";
    public const string MessagesCassette = "anthropic-stream";

    private static readonly Lazy<IReadOnlyList<Cassette>> Embedded = new(() => Cassette.LoadEmbedded());

    public static string Body(string cassette) =>
        string.Concat(Embedded.Value.Single(c => c.Name == cassette).Interactions[^1].Response.Frames!.Select(f => f.Data));

    public static readonly Lazy<string> ChatBody = new(() => Body(ChatCassette));
    public static readonly Lazy<string> MessagesBody = new(() => Body(MessagesCassette));

    /// <summary>One SSE event as the reference framer sees it: where its dispatching blank line ends, its type, its data.</summary>
    public sealed record SseEvent(int End, string? Type, string Data);

    /// <summary>
    /// The events of an LF-framed body, per the SSE spec: a blank line dispatches the event being built if it has
    /// data; at the end of the body, an event not yet dispatched is discarded.
    /// </summary>
    public static IReadOnlyList<SseEvent> Frame(byte[] body)
    {
        var events = new List<SseEvent>();
        string? type = null;
        var data = new StringBuilder();
        var hasData = false;
        var position = 0;
        while (true)
        {
            var newline = Array.IndexOf(body, (byte)'\n', position);
            if (newline < 0) break;
            var line = Encoding.UTF8.GetString(body, position, newline - position);
            position = newline + 1;
            if (line.Length == 0)
            {
                if (hasData) events.Add(new SseEvent(position, type, data.ToString()));
                type = null;
                data.Clear();
                hasData = false;
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            if (field == "event") type = value;
            else if (field == "data")
            {
                if (hasData) data.Append('\n');
                data.Append(value);
                hasData = true;
            }
        }
        return events;
    }

    public static T Parse<T>(string json, ParsableFactory<T> factory) where T : IParsable
    {
        using var document = JsonDocument.Parse(json);
        return new JsonParseNode(document.RootElement).GetObjectValue(factory)!;
    }

    /// <summary>The chat result of the events: (aggregate, whether [DONE] came after a finish reason).</summary>
    public static (ChatCompletionAccumulator Accumulator, bool Completed) FoldChat(IEnumerable<SseEvent> events)
    {
        var accumulator = new ChatCompletionAccumulator();
        foreach (var e in events)
        {
            if (e.Data == "[DONE]") return (accumulator, accumulator.HasFinishReason);
            accumulator.Add(Parse(e.Data, OpenAiModels.CreateChatCompletionStreamResponse.CreateFromDiscriminatorValue));
        }
        return (accumulator, false);
    }

    /// <summary>The message result of the events: (aggregate, whether message_stop arrived). Pings are skipped, as the SDK does.</summary>
    public static (MessageAccumulator Accumulator, bool Completed) FoldMessages(IEnumerable<SseEvent> events)
    {
        var accumulator = new MessageAccumulator();
        foreach (var e in events)
        {
            var parsed = Parse(e.Data, AnthropicModels.MessageStreamEvent.CreateFromDiscriminatorValue);
            if (parsed.PingEvent is not null) continue;
            accumulator.Add(parsed);
            if (accumulator.IsComplete) return (accumulator, true);
        }
        return (accumulator, false);
    }

    public static string Json(IParsable value) => Generated.GeneratedClientTests.Write(value);

    /// <summary>The whole recorded chat completion, serialised.</summary>
    public static readonly Lazy<string> ChatAggregate = new(() => Json(FoldChat(Frame(Encoding.UTF8.GetBytes(ChatBody.Value))).Accumulator.ToCompletion()));

    /// <summary>The whole recorded message, serialised.</summary>
    public static readonly Lazy<string> MessagesAggregate = new(() => Json(FoldMessages(Frame(Encoding.UTF8.GetBytes(MessagesBody.Value))).Accumulator.ToMessage()));

    /// <summary>
    /// What a body cut after <paramref name="cut"/> bytes must end in: completed (the whole result), or truncated
    /// with the partial of the events dispatched before the cut (null when none was folded).
    /// </summary>
    public static Expect AfterCut(bool anthropic, byte[] body, int cut)
    {
        var events = Frame(body[..cut]);
        if (anthropic)
        {
            var (accumulator, completed) = FoldMessages(events);
            if (completed) return CompletedWith(MessagesAggregate.Value);
            return new Expect.Truncated(accumulator.EventCount == 0 ? null : Json(accumulator.ToMessage()));
        }
        else
        {
            var (accumulator, completed) = FoldChat(events);
            if (completed) return CompletedWith(ChatAggregate.Value);
            return new Expect.Truncated(accumulator.ChunkCount == 0 ? null : Json(accumulator.ToCompletion()));
        }
    }

    public static Expect.Completed CompletedWith(string json) =>
        new("the recorded result", value => value is IParsable parsable && Json(parsable) is var actual && actual != json ? $"result differs:\n  expected {json}\n  actual   {actual}" : null);
}
