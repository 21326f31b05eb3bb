using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Ezrouter.Chat;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Generated.OpenAi.Readers;
using Ezrouter.Http;
using Ezrouter.Middleware;

namespace Ezrouter.Streaming;

/// <summary>
/// Reads a chat-completions SSE body chunk by chunk into a <see cref="ChatCompletionAccumulator"/>, and decides
/// how it ended: completed (<c>[DONE]</c> after a finish reason), a typed error (a <c>{"error":…}</c> chunk, or an
/// error JSON written into the body without <c>data:</c>), or truncated. Shared by the streaming API and by
/// <see cref="SseAggregationHandler"/>.
/// </summary>
internal sealed class ChatStreamReader : SseEventReader<CreateChatCompletionStreamResponse, ChatStreamReader.Frame>
{
    private EzrouterErrorDetails? _pendingError;

    public ChatStreamReader(Stream body, CallScope context, ChatCompletionAccumulator? accumulator = null)
        : base(body, static (_, data) => Frame.Parse(data), context)
    {
        Accumulator = accumulator ?? new ChatCompletionAccumulator();
    }

    public ChatCompletionAccumulator Accumulator { get; }

    /// <summary>Events read so far, counting from 1: errors name the event they are about.</summary>
    private int Events { get; set; }

    private protected override bool Step(bool moved, out CreateChatCompletionStreamResponse? chunk)
    {
        if (moved) Events++;
        chunk = null;
        if (!moved)
        {
            chunk = Finish(sawDone: false);
            return true;
        }
        var frame = Source.Current.Data;
        if (frame.IsDone)
        {
            chunk = Finish(sawDone: true);
            return true;
        }
        if (frame.Malformed is { } raw)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterProtocolException(Context.Details($"stream event {Events} is malformed ({frame.Problem}): {Context.Excerpt(raw)}")), Partial);
        }
        // Gateway: an OpenAI-style upstream's mid-stream error is relayed as a chunk, then usage and [DONE] still
        // follow (docs/gateway-behavior.md §10): remember it, keep reading for the usage, raise it at the end.
        if (frame.ErrorData is { } error)
        {
            _pendingError ??= Context.ReadError(error) ?? Context.Details("the stream sent an error chunk");
            return false;
        }
        Accumulator.Add(frame.Chunk!);
        if (_pendingError is not null) return false;
        chunk = frame.Chunk;
        return true;
    }

    /// <summary>Reads to the end and returns the whole completion.</summary>
    public async ValueTask<CreateChatCompletionResponse> AggregateAsync()
    {
        while (await ReadAsync().ConfigureAwait(false) is not null) { }
        return Accumulator.ToCompletion();
    }

    private CreateChatCompletionStreamResponse? Finish(bool sawDone)
    {
        if (_pendingError is { } error)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterStreamException(error), Partial);
        }
        if (sawDone && Accumulator.HasFinishReason)
        {
            Outcome = StreamOutcome.Completed;
            return null;
        }
        if (!sawDone && StreamErrors.FindInTail(Source.Tail, Context) is { } tailError)
        {
            Outcome = StreamOutcome.Error;
            throw StreamErrors.Fail(new EzrouterStreamException(tailError), Partial);
        }
        Outcome = StreamOutcome.Truncated;
        var summary = sawDone
            ? "the stream ended with [DONE] but no finish_reason (the gateway ends a stream this way when its upstream goes idle)"
            : $"the stream closed before data: [DONE] after {Accumulator.ChunkCount} chunks";
        throw StreamErrors.Fail(new EzrouterStreamTruncatedException(Context.Details(summary)), Partial);
    }

    private protected override CreateChatCompletionResponse? Partial() => Accumulator.ChunkCount == 0 && _pendingError is null ? null : Accumulator.ToCompletion();


    /// <summary>One SSE event's data, parsed where the parser hands us its bytes.</summary>
    internal readonly struct Frame
    {
        private static readonly Frame Done = new() { IsDone = true };

        public bool IsDone { get; private init; }
        public CreateChatCompletionStreamResponse? Chunk { get; private init; }
        public byte[]? ErrorData { get; private init; }
        public string? Malformed { get; private init; }
        public string? Problem { get; private init; }

        public static Frame Parse(ReadOnlySpan<byte> data)
        {
            if (data.SequenceEqual("[DONE]"u8)) return Done;
            try
            {
                // The generated Utf8JsonReader path: the same model as Kiota's parse node, a fraction of the cost.
                var chunk = CreateChatCompletionStreamResponseReader.Read(data);
                return new Frame { Chunk = chunk, ErrorData = chunk.Error is null ? null : data.ToArray() };
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return new Frame { Malformed = Encoding.UTF8.GetString(data.Length > 1000 ? data[..1000] : data), Problem = StreamErrors.Describe(e, data) };
            }
        }
    }
}
