using System;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.Anthropic;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.Anthropic.V1.Messages;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Http;
using Ezrouter.Middleware.Options;

namespace Ezrouter.Messages;

/// <summary>Messages on the Anthropic-compatible surface: one call that always returns a whole message, and a stream.</summary>
public class MessagesClient
{
    private readonly IRequestAdapter _gateway;
    private readonly IRequestAdapter _adapter;
    private readonly CallDefaults _defaults;
    private readonly string _url;

    // A stream is read by its own reader, not aggregated; the surface is said for the call's telemetry.
    private static readonly SseAggregationOption RawStream = new SseAggregationOption { Enabled = false, Surface = EzrouterSurface.Anthropic }.Freeze();

    /// <param name="client">The generated client, for the operation's URL.</param>
    /// <param name="gateway">The adapter that reads an SSE answer to a non-stream call (<see cref="EzrouterRequestAdapter"/>).</param>
    /// <param name="adapter">The adapter a stream is sent through.</param>
    /// <param name="defaults">What every call starts from.</param>
    internal MessagesClient(AnthropicClient client, IRequestAdapter gateway, IRequestAdapter adapter, CallDefaults defaults)
    {
        _gateway = gateway;
        _adapter = adapter;
        _defaults = defaults;
        // The URL is fixed per client: expand the generated template once, then build each call on the generated
        // builder's raw-URL constructor (see ChatCompletionsClient).
        _url = client.V1.Messages.ToPostRequestInformation(new CreateMessageRequest()).URI.OriginalString;
    }

    /// <summary>For mocking.</summary>
    protected MessagesClient()
    {
        _gateway = null!;
        _adapter = null!;
        _defaults = null!;
        _url = null!;
    }

    /// <summary>Creates a message and returns it whole, whether the gateway answers JSON or SSE.</summary>
    public virtual async Task<EzrouterResponse<Message>> CreateAsync(CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = new EzrouterResponseInfo();
        var message = await new MessagesRequestBuilder(_url, _gateway).PostAsync(request, c => c.Options.Add(info), cancellationToken).ConfigureAwait(false);
        return new EzrouterResponse<Message>(message ?? throw new EzrouterProtocolException(new EzrouterErrorDetails { StatusCode = info.StatusCode, RequestId = info.RequestId, GatewayVersion = info.GatewayVersion, Summary = "the response had no body" }), info);
    }

    /// <summary>Streams a message event by event. The request is sent with <c>stream: true</c> when enumeration starts (the request object is not changed).</summary>
    public virtual MessageStream CreateStreamingAsync(CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new MessageStream(scope =>
        {
            var requestInformation = new MessagesRequestBuilder(_url, _gateway).ToPostRequestInformation(request);
            StreamRequestBody.Force(requestInformation, request.Stream);
            return HeadersFirstSend.HeadersFirstAsync(_adapter, _defaults.Http, requestInformation, scope, RawStream);
        }, _defaults, cancellationToken);
    }
}
