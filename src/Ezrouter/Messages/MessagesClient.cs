using System;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.Anthropic;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.Anthropic.V1.Messages;
using Ezrouter.Generated.Anthropic.V1.Messages.Count_tokens;
using Ezrouter.Profiles;
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
    private readonly AnthropicClient _client;
    private string? _url;
    private string? _countTokensUrl;

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
        _client = client;
    }

    // The URLs are fixed per client: each generated template is expanded once, on its first call, and each call is
    // built on the generated builder's raw-URL constructor (see ChatCompletionsClient).
    private string Url => _url ??= _client.V1.Messages.ToPostRequestInformation(new CreateMessageRequest()).URI.OriginalString;

    private string CountTokensUrl => _countTokensUrl ??= _client.V1.Messages.Count_tokens.ToPostRequestInformation(new CountTokensRequest()).URI.OriginalString;

    /// <summary>For mocking.</summary>
    protected MessagesClient()
    {
        _gateway = null!;
        _adapter = null!;
        _defaults = null!;
        _client = null!;
    }

    /// <summary>Creates a message and returns it whole, whether the gateway answers JSON or SSE.</summary>
    public virtual async Task<EzrouterResponse<Message>> CreateAsync(CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _defaults.Require(GatewayOperations.Messages);
        var info = new EzrouterResponseInfo();
        var message = await new MessagesRequestBuilder(Url, _gateway).PostAsync(request, c => c.Options.Add(info), cancellationToken).ConfigureAwait(false);
        return new EzrouterResponse<Message>(message ?? throw new EzrouterProtocolException(info.ToErrorDetails("the response had no body", _defaults.Secret)), info);
    }

    /// <summary>
    /// Counts the input tokens <paramref name="request"/> would use, without creating a message
    /// (<c>POST /v1/messages/count_tokens</c>; free on EzAI). On a profile that does not serve it (ezrouter), fails
    /// before sending with <see cref="EzrouterOperationNotSupportedException"/>.
    /// </summary>
    /// <exception cref="EzrouterOperationNotSupportedException">The client's profile has no count_tokens.</exception>
    /// <exception cref="EzrouterProtocolException">The answer had no <c>input_tokens</c>.</exception>
    public virtual async Task<EzrouterResponse<CountTokensResponse>> CountTokensAsync(CountTokensRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _defaults.Require(GatewayOperations.CountTokens);
        var info = new EzrouterResponseInfo();
        var counted = await new Count_tokensRequestBuilder(CountTokensUrl, _gateway).PostAsync(request, c => c.Options.Add(info), cancellationToken).ConfigureAwait(false);
        // No silent success: an answer without the count is not a count of zero.
        if (counted?.InputTokens is not { } tokens || tokens < 0)
            throw new EzrouterProtocolException(info.ToErrorDetails(
                counted is null ? "the response had no body" : "the count_tokens answer has no non-negative \"input_tokens\"", _defaults.Secret));
        return new EzrouterResponse<CountTokensResponse>(counted, info);
    }

    /// <summary>Streams a message event by event. The request is sent with <c>stream: true</c> when enumeration starts (the request object is not changed).</summary>
    public virtual MessageStream CreateStreamingAsync(CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _defaults.Require(GatewayOperations.Messages);
        return new MessageStream(scope =>
        {
            var requestInformation = new MessagesRequestBuilder(Url, _gateway).ToPostRequestInformation(request);
            StreamRequestBody.Force(requestInformation, request.Stream);
            return HeadersFirstSend.HeadersFirstAsync(_adapter, _defaults.Http, requestInformation, scope, RawStream);
        }, _defaults, cancellationToken);
    }
}
