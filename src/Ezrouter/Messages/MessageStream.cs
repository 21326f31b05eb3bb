using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.Anthropic.Models;

namespace Ezrouter.Messages;

/// <summary>
/// An Anthropic messages stream: the typed events (<c>message_start</c>, <c>content_block_*</c>,
/// <c>message_delta</c>, <c>message_stop</c>) as the gateway sends them, nothing buffered; <c>ping</c> and unmodelled
/// event types are skipped. The request is sent when enumeration starts; enumerate once. It ends in exactly one
/// way: <see cref="StreamOutcome.Completed"/> at <c>message_stop</c>, or an <see cref="EzrouterException"/> carrying
/// the partial message. A plain JSON answer arrives as the events that rebuild it.
/// </summary>
public sealed class MessageStream : IAsyncEnumerable<MessageStreamEvent>
{
    private readonly Func<GatewayResponseInfo, CancellationToken, Task<HttpResponseMessage>> _send;
    private readonly StreamSettings _settings;
    private readonly CancellationToken _cancellationToken;
    private int _started;

    internal MessageStream(Func<GatewayResponseInfo, CancellationToken, Task<HttpResponseMessage>> send, StreamSettings settings, CancellationToken cancellationToken)
    {
        _send = send;
        _settings = settings;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Request id, gateway build, time to first byte: filled in when the response headers arrive.</summary>
    public GatewayResponseInfo ResponseInfo { get; } = new();

    /// <summary>How the stream ended, once it has.</summary>
    public StreamOutcome Outcome { get; private set; }

    /// <summary>Everything received so far, folded into one message.</summary>
    public MessageAccumulator Accumulator { get; } = new();

    /// <summary>Events of types this SDK does not model, read and skipped.</summary>
    public int SkippedEvents { get; private set; }

    /// <summary>Reads whatever is left and returns the whole message.</summary>
    public async Task<Message> GetFinalMessageAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _started) == 0)
            await foreach (var _ in this.WithCancellation(cancellationToken).ConfigureAwait(false)) { }
        return Accumulator.ToMessage();
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<MessageStreamEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("A stream can be enumerated once.");
        using var total = _settings.Timeouts.Total is { } limit ? new CancellationTokenSource(limit, _settings.Time) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken, total?.Token ?? CancellationToken.None);
        var context = StreamingCall.Context(ResponseInfo, _settings, total);

        using var response = await SendAsync(context, linked.Token).ConfigureAwait(false);
        if (!GatewayErrorHandler.IsEventStream(response.Content.Headers.ContentType))
        {
            var json = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            foreach (var streamEvent in ToEvents(KiotaJson.Parse(json, Message.CreateFromDiscriminatorValue)))
            {
                Accumulator.Add(streamEvent);
                yield return streamEvent;
            }
            Outcome = StreamOutcome.Completed;
            yield break;
        }

        var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
        // The reader raises the total limit itself (context.Total) as a typed timeout; give it the caller's
        // cancellation alone, or a fired limit would look like the caller cancelling and escape as a bare OCE.
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        var reader = new MessageStreamReader(body, context, caller.Token, Accumulator);
        await using (reader.ConfigureAwait(false))
        {
            while (await ReadAsync(reader).ConfigureAwait(false) is { } next)
                yield return next;
            Outcome = reader.Outcome;
            SkippedEvents = reader.SkippedEvents;
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

    private async ValueTask<MessageStreamEvent?> ReadAsync(MessageStreamReader reader)
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
            SkippedEvents = reader.SkippedEvents;
            throw;
        }
    }

    /// <summary>The events that rebuild a whole message: start (without content), each block whole, delta, stop.</summary>
    internal static IEnumerable<MessageStreamEvent> ToEvents(Message message)
    {
        var content = message.Content ?? [];
        var head = new Message
        {
            Id = message.Id, Type = message.Type, Role = message.Role, Model = message.Model, Usage = message.Usage, Content = [],
        };
        yield return new MessageStreamEvent { MessageStartEvent = new MessageStartEvent { Type = "message_start", Message = head } };
        for (var i = 0; i < content.Count; i++)
        {
            yield return new MessageStreamEvent { ContentBlockStartEvent = new ContentBlockStartEvent { Type = "content_block_start", Index = i, ContentBlock = content[i] } };
            yield return new MessageStreamEvent { ContentBlockStopEvent = new ContentBlockStopEvent { Type = "content_block_stop", Index = i } };
        }
        yield return new MessageStreamEvent
        {
            MessageDeltaEvent = new MessageDeltaEvent
            {
                Type = "message_delta",
                Delta = new MessageDelta { StopReason = message.StopReason, StopSequence = message.StopSequence },
                Usage = new MessageDeltaUsage { OutputTokens = message.Usage?.OutputTokens },
            },
        };
        yield return new MessageStreamEvent { MessageStopEvent = new MessageStopEvent { Type = "message_stop" } };
    }
}
