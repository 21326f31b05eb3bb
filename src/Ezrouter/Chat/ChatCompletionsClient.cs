using System;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Generated.OpenAi.V1.Chat.Completions;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Http;
using Ezrouter.Middleware.Options;

namespace Ezrouter.Chat;

/// <summary>Chat completions on the OpenAI-compatible surface: one call that always returns a whole completion, and a stream.</summary>
public class ChatCompletionsClient
{
    private readonly IRequestAdapter _gateway;
    private readonly IRequestAdapter _adapter;
    private readonly CallDefaults _defaults;
    private readonly OpenAiClient _client;
    private string? _url;

    // A stream is read by its own reader, not aggregated; the surface is said for the call's telemetry.
    private static readonly SseAggregationOption RawStream = new SseAggregationOption { Enabled = false, Surface = EzrouterSurface.OpenAi }.Freeze();

    /// <param name="client">The generated client, for the operation's URL.</param>
    /// <param name="gateway">The adapter that reads an SSE answer to a non-stream call (<see cref="EzrouterRequestAdapter"/>).</param>
    /// <param name="adapter">The adapter a stream is sent through.</param>
    /// <param name="defaults">What every call starts from.</param>
    internal ChatCompletionsClient(OpenAiClient client, IRequestAdapter gateway, IRequestAdapter adapter, CallDefaults defaults)
    {
        _gateway = gateway;
        _adapter = adapter;
        _defaults = defaults;
        _client = client;
    }

    // The URL is fixed per client: the generated template is expanded once, on the first call (a process that never
    // chats does not build it), and each call is built on the generated builder's raw-URL constructor (one builder,
    // no template expansion) instead of walking V1.Chat.Completions (three builders, each copying the path parameters).
    private string Url => _url ??= _client.V1.Chat.Completions.ToPostRequestInformation(new CreateChatCompletionRequest()).URI.OriginalString;

    /// <summary>For mocking.</summary>
    protected ChatCompletionsClient()
    {
        _gateway = null!;
        _adapter = null!;
        _defaults = null!;
        _client = null!;
    }

    /// <summary>
    /// Creates a completion and returns it whole, whether the gateway answers JSON or SSE (it answers SSE even
    /// when <c>stream</c> is false).
    /// </summary>
    public virtual async Task<EzrouterResponse<CreateChatCompletionResponse>> CompleteAsync(CreateChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _defaults.Require(Profiles.GatewayOperations.ChatCompletions);
        var info = new EzrouterResponseInfo();
        var completion = await new CompletionsRequestBuilder(Url, _gateway).PostAsync(request, c => c.Options.Add(info), cancellationToken).ConfigureAwait(false);
        return new EzrouterResponse<CreateChatCompletionResponse>(completion ?? throw new EzrouterProtocolException(info.ToErrorDetails("the response had no body", _defaults.Secret)), info);
    }

    /// <summary>Streams a completion chunk by chunk. The request is sent with <c>stream: true</c> when enumeration starts (the request object is not changed).</summary>
    public virtual ChatCompletionStream CompleteStreamingAsync(CreateChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _defaults.Require(Profiles.GatewayOperations.ChatCompletions);
        return new ChatCompletionStream(scope =>
        {
            var requestInformation = new CompletionsRequestBuilder(Url, _gateway).ToPostRequestInformation(request);
            StreamRequestBody.Force(requestInformation, request.Stream);
            return HeadersFirstSend.HeadersFirstAsync(_adapter, _defaults.Http, requestInformation, scope, RawStream);
        }, _defaults, cancellationToken);
    }
}
