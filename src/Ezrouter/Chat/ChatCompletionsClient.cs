using System;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter.Chat;

/// <summary>Chat completions on the OpenAI-compatible surface: one call that always returns a whole completion, and a stream.</summary>
public class ChatCompletionsClient
{
    private readonly OpenAiClient _client;
    private readonly IRequestAdapter _adapter;
    private readonly StreamSettings _settings;

    internal ChatCompletionsClient(OpenAiClient client, IRequestAdapter adapter, StreamSettings settings)
    {
        _client = client;
        _adapter = adapter;
        _settings = settings;
    }

    /// <summary>For mocking.</summary>
    protected ChatCompletionsClient()
    {
        _client = null!;
        _adapter = null!;
        _settings = null!;
    }

    /// <summary>
    /// Creates a completion and returns it whole, whether the gateway answers JSON or SSE (it answers SSE even
    /// when <c>stream</c> is false).
    /// </summary>
    public virtual async Task<EzrouterResponse<CreateChatCompletionResponse>> CompleteAsync(CreateChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = new GatewayResponseInfo();
        var completion = await _client.V1.Chat.Completions.PostAsync(request, c => c.Options.Add(info), cancellationToken).ConfigureAwait(false);
        return new EzrouterResponse<CreateChatCompletionResponse>(completion ?? throw new EzrouterProtocolException(new EzrouterErrorDetails { StatusCode = info.StatusCode, RequestId = info.RequestId, GatewayVersion = info.GatewayVersion, Summary = "the response had no body" }), info);
    }

    /// <summary>Streams a completion chunk by chunk. The request is sent with <c>stream: true</c> when enumeration starts (the request object is not changed).</summary>
    public virtual ChatCompletionStream CompleteStreamingAsync(CreateChatCompletionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ChatCompletionStream((info, ct) =>
        {
            var requestInformation = _client.V1.Chat.Completions.ToPostRequestInformation(request);
            StreamingCall.ForceStream(requestInformation, request.Stream);
            return StreamingCall.SendAsync(_adapter, requestInformation, info, ct);
        }, _settings, cancellationToken);
    }
}
