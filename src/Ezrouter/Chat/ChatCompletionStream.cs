using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Chat;

/// <summary>
/// A chat-completions stream: <c>chat.completion.chunk</c>s as the gateway sends them, first chunk first, nothing
/// buffered. The request is sent when enumeration starts; enumerate once. It ends in exactly one way:
/// <see cref="StreamOutcome.Completed"/>, or an <see cref="EzrouterException"/> (a stream error, a truncation, a
/// timeout) carrying the partial completion. If the gateway answers with plain JSON instead, that arrives as one chunk.
/// </summary>
public sealed class ChatCompletionStream : IAsyncEnumerable<CreateChatCompletionStreamResponse>
{
    private readonly Func<GatewayResponseInfo, CancellationToken, Task<HttpResponseMessage>> _send;
    private readonly StreamSettings _settings;
    private readonly CancellationToken _cancellationToken;
    private int _started;

    internal ChatCompletionStream(Func<GatewayResponseInfo, CancellationToken, Task<HttpResponseMessage>> send, StreamSettings settings, CancellationToken cancellationToken)
    {
        _send = send;
        _settings = settings;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Request id, gateway build, time to first byte: filled in when the response headers arrive.</summary>
    public GatewayResponseInfo ResponseInfo { get; } = new();

    /// <summary>How the stream ended, once it has.</summary>
    public StreamOutcome Outcome { get; private set; }

    /// <summary>Everything received so far, folded into one completion.</summary>
    public ChatCompletionAccumulator Accumulator { get; } = new();

    /// <summary>Reads whatever is left and returns the whole completion.</summary>
    public async Task<CreateChatCompletionResponse> GetFinalCompletionAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _started) == 0)
            await foreach (var _ in this.WithCancellation(cancellationToken).ConfigureAwait(false)) { }
        return Accumulator.ToCompletion();
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<CreateChatCompletionStreamResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("A stream can be enumerated once.");
        using var total = _settings.Timeouts.Total is { } limit ? new CancellationTokenSource(limit, _settings.Time) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken, total?.Token ?? CancellationToken.None);
        var context = StreamingCall.Context(ResponseInfo, _settings, total);

        using var response = await SendAsync(context, linked.Token).ConfigureAwait(false);
        if (!GatewayErrorHandler.IsEventStream(response.Content.Headers.ContentType))
        {
            // Gateway choice, not ours: a JSON answer to a stream request becomes one chunk.
            var json = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var chunk = ToChunk(KiotaJson.Parse(json, CreateChatCompletionResponse.CreateFromDiscriminatorValue));
            Accumulator.Add(chunk);
            Outcome = StreamOutcome.Completed;
            yield return chunk;
            yield break;
        }

        var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
        // The reader raises the total limit itself (context.Total) as a typed timeout; give it the caller's
        // cancellation alone, or a fired limit would look like the caller cancelling and escape as a bare OCE.
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        var reader = new ChatStreamReader(body, context, caller.Token, Accumulator);
        await using (reader.ConfigureAwait(false))
        {
            while (await ReadAsync(reader).ConfigureAwait(false) is { } next)
                yield return next;
            Outcome = reader.Outcome;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(StreamContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await _send(ResponseInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (context.Total?.IsCancellationRequested == true && !_cancellationToken.IsCancellationRequested)
        {
            Outcome = StreamOutcome.Error;
            throw new EzrouterTimeoutException(TimeoutKind.Total, context.TotalLimit ?? TimeSpan.Zero, context.Details("no response before the total time limit"), e);
        }
        catch (EzrouterException)
        {
            Outcome = StreamOutcome.Error;
            throw;
        }
    }

    private async ValueTask<CreateChatCompletionStreamResponse?> ReadAsync(ChatStreamReader reader)
    {
        try
        {
            return await reader.ReadAsync().ConfigureAwait(false);
        }
        catch (EzrouterException e)
        {
            // A dropped connection is raised below the reader, which then has not recorded an outcome itself.
            Outcome = reader.Outcome != StreamOutcome.Pending ? reader.Outcome
                : e is EzrouterStreamTruncatedException ? StreamOutcome.Truncated
                : StreamOutcome.Error;
            throw;
        }
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
