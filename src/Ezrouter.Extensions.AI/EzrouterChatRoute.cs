namespace Ezrouter.Extensions.AI;

/// <summary>Which gateway surface an <see cref="EzrouterChatClient"/> sends a request to.</summary>
public enum EzrouterChatRoute
{
    /// <summary>
    /// Decided per model from the catalog's <c>supported_endpoint_types</c>: a model served only by one surface goes
    /// there; a model served by both (the Claude models) goes to Anthropic messages when the request has tools or the
    /// conversation carries tool calls, results or reasoning signatures (tool calls and thinking round-trip most
    /// faithfully there), and to OpenAI chat otherwise. A model the catalog does not list goes to OpenAI chat.
    /// </summary>
    Auto,

    /// <summary>Always OpenAI chat completions (<c>/v1/chat/completions</c>).</summary>
    OpenAiChat,

    /// <summary>Always Anthropic messages (<c>/anthropic/v1/messages</c>).</summary>
    AnthropicMessages,
}
