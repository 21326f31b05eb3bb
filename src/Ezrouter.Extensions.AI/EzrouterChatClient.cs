using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Extensions.AI.Anthropic;
using Ezrouter.Extensions.AI.OpenAi;
using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI;

/// <summary>
/// <see cref="IChatClient"/> over an <see cref="EzrouterClient"/>: each request goes to OpenAI chat completions
/// (<see cref="EzrouterClient.Chat"/>) or Anthropic messages (<see cref="EzrouterClient.Messages"/>), as
/// <see cref="EzrouterChatClientOptions.Route"/> decides (see <see cref="EzrouterChatRoute.Auto"/> for the rule), so it
/// keeps the SDK's retries, timeouts and SSE handling, and fails with its typed <see cref="EzrouterException"/>s.
/// </summary>
/// <remarks>
/// Tools are function declarations; tool calls and results round-trip on both surfaces, and the client works inside
/// <c>FunctionInvokingChatClient</c>. Reasoning is <see cref="TextReasoningContent"/>; on the Anthropic surface a thinking
/// block's signature is carried in <see cref="TextReasoningContent.ProtectedData"/> and sent back on the next turn (the
/// OpenAI surface has no signatures: the gateway drops them). Usage is <see cref="UsageDetails"/> with cache and
/// reasoning counts under <see cref="EzrouterUsageKeys"/>. <see cref="ChatOptions"/>: <c>ModelId</c>,
/// <c>Temperature</c>, <c>TopP</c>, <c>MaxOutputTokens</c>, <c>StopSequences</c>, <c>Tools</c>, <c>ToolMode</c> and
/// <c>AdditionalProperties</c> (extra body fields) on both; <c>TopK</c> natively on Anthropic and as an extra
/// <c>top_k</c> field on OpenAI (not in that surface's spec: upstreams that take it use it); <c>Seed</c>,
/// <c>ResponseFormat</c>, penalties and <c>Reasoning.Effort</c> on OpenAI only (a JSON response format on the
/// Anthropic route fails with <see cref="NotSupportedException"/>; the others are not sent there).
/// <c>RawRepresentation</c> is the generated response, chunk or event; <c>RawRepresentationFactory</c> may return a
/// prefilled <c>CreateChatCompletionRequest</c> or <c>CreateMessageRequest</c>.
/// </remarks>
public sealed class EzrouterChatClient : IChatClient
{
    private readonly EzrouterClient _client;
    private readonly EzrouterChatClientOptions _options;
    private readonly ChatClientMetadata _metadata;

    /// <summary>A chat client over <paramref name="client"/> (not disposed with it), for dependency injection and direct use.</summary>
    public EzrouterChatClient(EzrouterClient client, EzrouterChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options?.Clone() ?? new EzrouterChatClientOptions();
        _metadata = new ChatClientMetadata("ezrouter", BaseUrl(client), _options.DefaultModelId);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var model = ModelFor(options);
        if (await RouteAsync(model, list, options, cancellationToken).ConfigureAwait(false) == EzrouterChatRoute.AnthropicMessages)
        {
            var request = MessageRequestMapper.Create(this, list, options, model, _options.DefaultMaxOutputTokens);
            var message = await _client.Messages.CreateAsync(request, cancellationToken).ConfigureAwait(false);
            return WithInfo(MessageResponseMapper.ToResponse(message.Value), message.Info);
        }
        var chat = ChatRequestMapper.Create(this, list, options, model);
        var completion = await _client.Chat.CompleteAsync(chat, cancellationToken).ConfigureAwait(false);
        return WithInfo(ChatResponseMapper.ToResponse(completion.Value), completion.Info);
    }

    /// <summary>
    /// The key of the call's <see cref="EzrouterResponseInfo"/> (request id, gateway build, retries) in
    /// <c>ChatResponse.AdditionalProperties</c>, and in the first <c>ChatResponseUpdate</c> of a stream.
    /// </summary>
    public const string ResponseInfoKey = "ezrouter.response_info";

    private static ChatResponse WithInfo(ChatResponse response, EzrouterResponseInfo info)
    {
        (response.AdditionalProperties ??= [])[ResponseInfoKey] = info;
        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var model = ModelFor(options);
        IAsyncEnumerable<ChatResponseUpdate> updates;
        EzrouterResponseInfo info;
        if (await RouteAsync(model, list, options, cancellationToken).ConfigureAwait(false) == EzrouterChatRoute.AnthropicMessages)
        {
            var request = MessageRequestMapper.Create(this, list, options, model, _options.DefaultMaxOutputTokens);
            var stream = _client.Messages.CreateStreamingAsync(request, cancellationToken);
            info = stream.ResponseInfo;
            updates = MessageResponseMapper.ToUpdatesAsync(stream, cancellationToken);
        }
        else
        {
            var chat = ChatRequestMapper.Create(this, list, options, model);
            // Usage arrives on a last chunk only when asked for.
            chat.StreamOptions ??= new() { IncludeUsage = true };
            var stream = _client.Chat.CompleteStreamingAsync(chat, cancellationToken);
            info = stream.ResponseInfo;
            updates = ChatResponseMapper.ToUpdatesAsync(stream, cancellationToken);
        }
        var first = true;
        await foreach (var update in updates.ConfigureAwait(false))
        {
            // The headers have arrived by the first update: the request id is known.
            if (first) (update.AdditionalProperties ??= [])[ResponseInfoKey] = info;
            first = false;
            yield return update;
        }
    }

    /// <summary>
    /// The surface this request goes to: the configured route, or for <see cref="EzrouterChatRoute.Auto"/> the
    /// catalog's <c>supported_endpoint_types</c> for the model (fetched once and cached by <see cref="EzrouterClient.Models"/>).
    /// </summary>
    public async Task<EzrouterChatRoute> RouteAsync(string model, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(messages);
        if (_options.Route != EzrouterChatRoute.Auto) return _options.Route;
        var types = await _client.Models.GetEndpointTypesAsync(model, cancellationToken).ConfigureAwait(false);
        var anthropic = types.Contains("anthropic", StringComparer.OrdinalIgnoreCase);
        var openAi = types.Contains("openai", StringComparer.OrdinalIgnoreCase);
        if (anthropic && !openAi) return EzrouterChatRoute.AnthropicMessages;
        if (!anthropic) return EzrouterChatRoute.OpenAiChat;
        // Served by both: tool calls and signed thinking round-trip on Anthropic; a JSON response format needs OpenAI.
        var tools = options?.Tools is { Count: > 0 };
        var toolHistory = messages.Any(m => m.Contents.Any(c => c is FunctionCallContent or FunctionResultContent or TextReasoningContent { ProtectedData: not null }));
        if (!tools && options?.ResponseFormat is ChatResponseFormatJson) return EzrouterChatRoute.OpenAiChat;
        return tools || toolHistory ? EzrouterChatRoute.AnthropicMessages : EzrouterChatRoute.OpenAiChat;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        if (serviceType == typeof(EzrouterClient)) return _client;
        if (serviceType == typeof(EzrouterChatClientOptions)) return _options.Clone();
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the <see cref="EzrouterClient"/> belongs to whoever made it.</summary>
    public void Dispose()
    {
    }

    private string ModelFor(ChatOptions? options) =>
        options?.ModelId ?? _options.DefaultModelId
        ?? throw new InvalidOperationException("No model: set ChatOptions.ModelId, or give AsIChatClient a default model.");

    private static Uri? BaseUrl(EzrouterClient client) =>
        // The client's ToString names its base URL; the generated client's adapter knows it too.
        client.OpenAi?.V1?.Models?.ToGetRequestInformation() is { } info ? new Uri(info.URI.GetLeftPart(UriPartial.Authority)) : null;
}
