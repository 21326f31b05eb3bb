using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Http;
using Ezrouter.Streaming;

namespace Ezrouter.Messages;

/// <summary>
/// An Anthropic messages stream: the typed events (<c>message_start</c>, <c>content_block_*</c>,
/// <c>message_delta</c>, <c>message_stop</c>) as the gateway sends them (see <see cref="EzrouterStream{TEvent}"/>),
/// folded as they pass into <see cref="Accumulator"/>; <c>ping</c> and unmodelled event types are skipped. It
/// completes at <c>message_stop</c>. A plain JSON answer arrives as the events that rebuild it.
/// </summary>
public sealed class MessageStream : EzrouterStream<MessageStreamEvent>
{
    internal MessageStream(Func<CallScope, Task<HttpResponseMessage>> send, CallDefaults defaults, CancellationToken cancellationToken)
        : base(send, defaults, cancellationToken)
    {
    }

    /// <summary>Everything received so far, folded into one message.</summary>
    public MessageAccumulator Accumulator { get; } = new();

    /// <summary>Events of types this SDK does not model, read and skipped.</summary>
    public int SkippedEvents => (Reader as MessageStreamReader)?.SkippedEvents ?? 0;

    /// <summary>Reads whatever is left and returns the whole message.</summary>
    public async Task<Message> GetFinalMessageAsync(CancellationToken cancellationToken = default)
    {
        await ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Accumulator.ToMessage();
    }

    private protected override Microsoft.Kiota.Abstractions.Serialization.IParsable Accumulated() => Accumulator.ToMessage();

    private protected override IEventReader<MessageStreamEvent> CreateReader(Stream body, CallScope context) =>
        new MessageStreamReader(body, context, Accumulator);

    private protected override IReadOnlyList<MessageStreamEvent> FromJson(byte[] json)
    {
        var events = ToEvents((Message)JsonAnswer.Read(typeof(Message), json)).ToList();
        foreach (var streamEvent in events) Accumulator.Add(streamEvent);
        return events;
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
