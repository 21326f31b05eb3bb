using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Http;
using Ezrouter.Streaming;

namespace Ezrouter.Chat;

/// <summary>
/// A chat-completions stream: <c>chat.completion.chunk</c>s as the gateway sends them (see
/// <see cref="EzrouterStream{TEvent}"/>), folded as they pass into <see cref="Accumulator"/>. If the gateway
/// answers with plain JSON instead, that arrives as one chunk.
/// </summary>
public sealed class ChatCompletionStream : EzrouterStream<CreateChatCompletionStreamResponse>
{
    internal ChatCompletionStream(Func<CallScope, Task<HttpResponseMessage>> send, CallDefaults defaults, CancellationToken cancellationToken)
        : base(send, defaults, cancellationToken)
    {
    }

    /// <summary>Everything received so far, folded into one completion.</summary>
    public ChatCompletionAccumulator Accumulator { get; } = new();

    /// <summary>Reads whatever is left and returns the whole completion.</summary>
    public async Task<CreateChatCompletionResponse> GetFinalCompletionAsync(CancellationToken cancellationToken = default)
    {
        await ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Accumulator.ToCompletion();
    }

    private protected override Microsoft.Kiota.Abstractions.Serialization.IParsable Accumulated() => Accumulator.ToCompletion();

    private protected override IEventReader<CreateChatCompletionStreamResponse> CreateReader(Stream body, CallScope context) =>
        new ChatStreamReader(body, context, Accumulator);

    private protected override IReadOnlyList<CreateChatCompletionStreamResponse> FromJson(byte[] json)
    {
        var chunk = ToChunk((CreateChatCompletionResponse)JsonAnswer.Read(typeof(CreateChatCompletionResponse), json));
        Accumulator.Add(chunk);
        return [chunk];
    }

    internal static CreateChatCompletionStreamResponse ToChunk(CreateChatCompletionResponse completion) => new()
    {
        Id = completion.Id,
        Object = "chat.completion.chunk",
        Created = completion.Created,
        Model = completion.Model,
        SystemFingerprint = completion.SystemFingerprint,
        Usage = completion.Usage,
        Choices = completion.Choices?.Select(c => new ChatCompletionStreamChoice
        {
            Index = c.Index,
            FinishReason = c.FinishReason,
            Delta = new ChatCompletionStreamResponseDelta
            {
                Role = c.Message?.Role,
                Content = c.Message?.Content,
                ReasoningContent = c.Message?.ReasoningContent,
                Refusal = c.Message?.Refusal,
                ToolCalls = c.Message?.ToolCalls?.Select((t, i) => new ChatCompletionMessageToolCallChunk
                {
                    Index = i,
                    Id = t.Id,
                    Type = t.Type,
                    Function = new ChatCompletionMessageToolCallChunkFunction { Name = t.Function?.Name, Arguments = t.Function?.Arguments },
                }).ToList(),
            },
        }).ToList(),
    };
}
