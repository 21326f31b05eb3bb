using System;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Generated.OpenAi.V1.Responses;
using Ezrouter.Http;
using Ezrouter.Middleware.Options;
using Microsoft.Kiota.Abstractions;

namespace Ezrouter.Responses;

/// <summary>
/// The Responses API (<c>POST /v1/responses</c>) on the OpenAI-compatible surface, for gateways that serve it: one
/// call that always returns a whole response, and a stream. <c>input</c> is a string
/// (<c>new ResponseInput { String = "Hello" }</c>) or items built with <see cref="ResponseInputItems"/>.
/// </summary>
public class ResponsesClient
{
    private readonly IRequestAdapter _gateway;
    private readonly IRequestAdapter _adapter;
    private readonly CallDefaults _defaults;
    private readonly OpenAiClient _client;
    private string? _url;

    /// <param name="client">The generated client, for the operation's URL.</param>
    /// <param name="gateway">The adapter that reads an SSE answer to a non-stream call (<see cref="EzrouterRequestAdapter"/>).</param>
    /// <param name="adapter">The adapter a stream is sent through.</param>
    /// <param name="defaults">What every call starts from.</param>
    internal ResponsesClient(OpenAiClient client, IRequestAdapter gateway, IRequestAdapter adapter, CallDefaults defaults)
    {
        _gateway = gateway;
        _adapter = adapter;
        _defaults = defaults;
        _client = client;
    }

    // The URL is fixed per client: the generated template is expanded once, on the first call (see ChatCompletionsClient).
    private string Url => _url ??= _client.V1.Responses.ToPostRequestInformation(new CreateResponseRequest()).URI.OriginalString;

    /// <summary>For mocking.</summary>
    protected ResponsesClient()
    {
        _gateway = null!;
        _adapter = null!;
        _defaults = null!;
        _client = null!;
    }

    /// <summary>
    /// Creates a response and returns it whole, whether the gateway answers JSON or SSE. Its <c>status</c> is
    /// <c>completed</c> or <c>incomplete</c> (see <c>incomplete_details</c>); a failed response raises the exception its
    /// <c>error.code</c> picks (<see cref="EzrouterServerException"/> for <c>server_error</c>; the same type a stream's
    /// <c>response.failed</c> raises), carrying it in <see cref="EzrouterException.PartialResponse"/>.
    /// </summary>
    public virtual async Task<EzrouterResponse<ModelResponse>> CreateAsync(CreateResponseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _defaults.Require(Profiles.GatewayOperations.Responses);
        var info = new EzrouterResponseInfo();
        var response = await new ResponsesRequestBuilder(Url, _gateway).PostAsync(request, c => c.Options.Add(info), cancellationToken).ConfigureAwait(false)
            ?? throw new EzrouterProtocolException(info.ToErrorDetails("the response had no body", _defaults.Secret));
        if (ResponseFailure.Check(response, info, _defaults.Secret) is { } failed) throw failed;
        return new EzrouterResponse<ModelResponse>(response, info);
    }

    /// <summary>Streams a response event by event. The request is sent with <c>stream: true</c> when enumeration starts (the request object is not changed).</summary>
    public virtual ResponseStream CreateStreamingAsync(CreateResponseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _defaults.Require(Profiles.GatewayOperations.Responses);
        return new ResponseStream(scope =>
        {
            var requestInformation = new ResponsesRequestBuilder(Url, _gateway).ToPostRequestInformation(request);
            StreamRequestBody.Force(requestInformation, request.Stream);
            return HeadersFirstSend.HeadersFirstAsync(_adapter, _defaults.Http, requestInformation, scope, SseAggregationOption.RawStream);
        }, _defaults, cancellationToken);
    }
}
