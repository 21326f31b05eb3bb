using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Http;
using Ezrouter.Streaming;

namespace Ezrouter.Responses;

/// <summary>
/// A Responses API stream: the events (<c>response.created</c>, <c>response.output_item.added</c>,
/// <c>response.output_text.delta</c>, ...) as the gateway sends them (see <see cref="EzrouterStream{TEvent}"/>), folded
/// as they pass into <see cref="Accumulator"/>. It completes at <c>response.completed</c> or
/// <c>response.incomplete</c>; <c>response.failed</c> ends it in the exception the failure's <c>error.code</c> picks
/// (the same one a failed JSON response raises: <see cref="EzrouterServerException"/> for <c>server_error</c>, a
/// rate-limit, invalid-request or overload error for those codes), an <c>error</c> event in an
/// <see cref="EzrouterStreamException"/>, and a body that ends before any of them in an
/// <see cref="EzrouterStreamTruncatedException"/>; each carries what arrived. A plain JSON answer arrives as the
/// events that rebuild it.
/// </summary>
public sealed class ResponseStream : EzrouterStream<ResponseStreamEvent>
{
    internal ResponseStream(Func<CallScope, Task<HttpResponseMessage>> send, CallDefaults defaults, CancellationToken cancellationToken)
        : base(send, defaults, cancellationToken)
    {
        _secret = defaults.Secret;
    }

    private readonly string? _secret;

    /// <summary>Everything received so far, folded into one response.</summary>
    public ResponseAccumulator Accumulator { get; } = new();

    /// <summary>Reads whatever is left and returns the whole response (its <c>status</c> is <c>completed</c> or <c>incomplete</c>).</summary>
    public async Task<ModelResponse> GetFinalResponseAsync(CancellationToken cancellationToken = default)
    {
        await ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Accumulator.ToResponse();
    }

    private protected override Microsoft.Kiota.Abstractions.Serialization.IParsable Accumulated() => Accumulator.ToResponse();

    private protected override IEventReader<ResponseStreamEvent> CreateReader(Stream body, CallScope context) =>
        new ResponseStreamReader(body, context, Accumulator);

    private protected override IReadOnlyList<ResponseStreamEvent> FromJson(byte[] json)
    {
        var response = (ModelResponse)JsonAnswer.Read(typeof(ModelResponse), json);
        if (ResponseFailure.Check(response, ResponseInfo, _secret) is { } failed) throw failed;
        var events = ToEvents(response);
        foreach (var streamEvent in events) Accumulator.Add(streamEvent);
        return events;
    }

    /// <summary>The events that stand for a whole response: each output item done, then the terminal lifecycle event.</summary>
    internal static IReadOnlyList<ResponseStreamEvent> ToEvents(ModelResponse response)
    {
        var events = new List<ResponseStreamEvent>();
        var output = response.Output ?? [];
        for (var i = 0; i < output.Count; i++)
            events.Add(new ResponseStreamEvent { Type = "response.output_item.done", OutputIndex = i, ItemId = output[i].Id, Item = output[i] });
        var terminal = response.Status switch
        {
            "incomplete" => "response.incomplete",
            "failed" => "response.failed",
            _ => "response.completed",
        };
        events.Add(new ResponseStreamEvent { Type = terminal, Response = response });
        return events;
    }
}
