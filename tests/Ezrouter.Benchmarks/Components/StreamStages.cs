using System;
using System.Collections.Generic;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Cases;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Transport;
using Ezrouter.Chat;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.Anthropic.Readers;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Generated.OpenAi.Readers;
using Ezrouter.Messages;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter.Benchmarks.Components;

/// <summary>
/// Our stream path taken apart, each stage adding one component to the one before, over the same recording:
/// SSE framing; + a Utf8JsonReader pass (the floor); + the generated reader building the model from the event's
/// bytes (what the SDK's stream readers call, <c>…Readers.*Reader.Read</c>); + the accumulator; then the whole
/// streaming API, whose difference from the stage before is the layer's plumbing (HTTP pipeline, request building,
/// timeouts, tail recording, per-event frames, async enumerators). Two reference rows, not stages: the same model
/// built by Kiota's parse node (<c>JsonElement.ParseValue</c> + <c>JsonParseNode</c>, the SDK's path before the
/// generated readers and still its path for JSON bodies), and the <c>JsonElement</c> alone.
/// </summary>
internal static class StreamStages
{
    /// <summary>One stage's work on one payload, where the SSE parser hands it over; returns the text characters read.</summary>
    private delegate long PerEvent(ReadOnlySpan<byte> data);

    public const string Framing = "1 sse-framing";
    public const string Reader = "2 +utf8jsonreader";
    public const string Model = "3 +generated-reader";
    public const string Accumulator = "4 +accumulator";
    public const string Whole = "5 ezrouter (whole API)";
    public const string Element = "ref: jsonelement";
    public const string KiotaModel = "ref: kiota-parse-node";

    public static IEnumerable<BenchCase> Chat(Recording stream, Func<EzrouterContender> contender)
    {
        yield return Stage(stream, Framing, 0, _ => 0);
        yield return Stage(stream, Reader, stream.TextChars, CountText);
        yield return Stage(stream, Model, stream.TextChars, data => ChatText(CreateChatCompletionStreamResponseReader.Read(data)));
        yield return new BenchCase(stream.Name, Accumulator, stream.Events, stream.TextChars, () =>
        {
            var accumulator = new ChatCompletionAccumulator();
            return RunAsync(stream, data =>
            {
                var chunk = CreateChatCompletionStreamResponseReader.Read(data);
                accumulator.Add(chunk);
                return ChatText(chunk);
            });
        });
        yield return new BenchCase(stream.Name, Whole, stream.Events, stream.TextChars, contender().StreamChatAsync);
        yield return Stage(stream, Element, 0, data => ParseElement(data).ValueKind == JsonValueKind.Object ? 0 : 1);
        yield return Stage(stream, KiotaModel, stream.TextChars, data => ChatText(KiotaChunk(data)));
    }

    public static IEnumerable<BenchCase> Messages(Recording stream, Func<EzrouterContender> contender)
    {
        yield return Stage(stream, Framing, 0, _ => 0);
        yield return Stage(stream, Reader, stream.TextChars, CountText);
        yield return Stage(stream, Model, stream.TextChars, data => MessageText(MessageStreamEventReader.Read(data)));
        yield return new BenchCase(stream.Name, Accumulator, stream.Events, stream.TextChars, () =>
        {
            var accumulator = new MessageAccumulator();
            return RunAsync(stream, data =>
            {
                var streamEvent = MessageStreamEventReader.Read(data);
                if (streamEvent.PingEvent is null) accumulator.Add(streamEvent);
                return MessageText(streamEvent);
            });
        });
        yield return new BenchCase(stream.Name, Whole, stream.Events, stream.TextChars, contender().StreamMessagesAsync);
        yield return Stage(stream, Element, 0, data => ParseElement(data).ValueKind == JsonValueKind.Object ? 0 : 1);
        yield return Stage(stream, KiotaModel, stream.TextChars, data => MessageText(KiotaEvent(data)));
    }

    private static BenchCase Stage(Recording stream, string name, long expectedChars, PerEvent perEvent) =>
        new(stream.Name, name, stream.Events, expectedChars, () => RunAsync(stream, perEvent));

    private static async Task<Tally> RunAsync(Recording stream, PerEvent perEvent)
    {
        using var body = new ReplayBodyStream(stream.Body);
        var events = 0;
        long chars = 0;
        // The parser hands each payload out as a span; the stage runs inside it, as the SDK's item parser does.
        var parser = new SseItemParser<long>((_, data) =>
        {
            if (data.SequenceEqual("[DONE]"u8)) return -1;
            return perEvent(data);
        });
        await foreach (var item in SseParser.Create(body, parser).EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data < 0) continue;
            events++;
            chars += item.Data;
        }
        return new Tally(events, chars);
    }

    private static char[] _text = new char[1024];

    private static long CountText(ReadOnlySpan<byte> data) => FloorContender.CountText(data, ref _text);

    private static JsonElement ParseElement(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        return JsonElement.ParseValue(ref reader);
    }

    private static CreateChatCompletionStreamResponse KiotaChunk(ReadOnlySpan<byte> data) =>
        new JsonParseNode(ParseElement(data)).GetObjectValue(CreateChatCompletionStreamResponse.CreateFromDiscriminatorValue)!;

    private static MessageStreamEvent KiotaEvent(ReadOnlySpan<byte> data) =>
        new JsonParseNode(ParseElement(data)).GetObjectValue(MessageStreamEvent.CreateFromDiscriminatorValue)!;

    private static long ChatText(CreateChatCompletionStreamResponse chunk)
    {
        // Null checks, not `?? []`: an empty list per event would be the harness's own allocation.
        long chars = 0;
        if (chunk.Choices is null) return 0;
        foreach (var choice in chunk.Choices)
        {
            chars += choice.Delta?.Content?.Length ?? 0;
            if (choice.Delta?.ToolCalls is not { } calls) continue;
            foreach (var call in calls) chars += call.Function?.Arguments?.Length ?? 0;
        }
        return chars;
    }

    private static long MessageText(MessageStreamEvent streamEvent)
    {
        if (streamEvent.ContentBlockDeltaEvent?.Delta is not { } delta) return 0;
        return (delta.TextDelta?.Text?.Length ?? 0) + (delta.ThinkingDelta?.Thinking?.Length ?? 0) +
            (delta.SignatureDelta?.Signature?.Length ?? 0) + (delta.InputJsonDelta?.PartialJson?.Length ?? 0);
    }
}
