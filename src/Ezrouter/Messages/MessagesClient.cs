using System;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.Anthropic;
using Ezrouter.Generated.Anthropic.Models;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter.Messages;

/// <summary>Messages on the Anthropic-compatible surface: one call that always returns a whole message, and a stream.</summary>
public class MessagesClient
{
    private readonly AnthropicClient _client;
    private readonly IRequestAdapter _adapter;
    private readonly StreamSettings _settings;

    internal MessagesClient(AnthropicClient client, IRequestAdapter adapter, StreamSettings settings)
    {
        _client = client;
        _adapter = adapter;
        _settings = settings;
    }

    /// <summary>For mocking.</summary>
    protected MessagesClient()
    {
        _client = null!;
        _adapter = null!;
        _settings = null!;
    }

    /// <summary>Creates a message and returns it whole, whether the gateway answers JSON or SSE.</summary>
    public virtual async Task<EzrouterResponse<Message>> CreateAsync(CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = new GatewayResponseInfo();
        var message = await _client.V1.Messages.PostAsync(request, c => c.Options.Add(info), cancellationToken).ConfigureAwait(false);
        return new EzrouterResponse<Message>(message ?? throw new EzrouterProtocolException(new EzrouterErrorDetails { StatusCode = info.StatusCode, RequestId = info.RequestId, GatewayVersion = info.GatewayVersion, Summary = "the response had no body" }), info);
    }

    /// <summary>Streams a message event by event. The request is sent with <c>stream: true</c> when enumeration starts (the request object is not changed).</summary>
    public virtual MessageStream CreateStreamingAsync(CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new MessageStream((info, ct) =>
        {
            var requestInformation = _client.V1.Messages.ToPostRequestInformation(request);
            StreamingCall.ForceStream(requestInformation, request.Stream);
            return StreamingCall.SendAsync(_adapter, requestInformation, info, ct);
        }, _settings, cancellationToken);
    }
}
