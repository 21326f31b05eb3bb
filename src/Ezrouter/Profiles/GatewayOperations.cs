using System;

namespace Ezrouter.Profiles;

/// <summary>The operations a gateway serves; a <see cref="GatewayProfile"/> lists its own.</summary>
[Flags]
public enum GatewayOperations
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>POST /v1/chat/completions</c> on the OpenAI-compatible surface.</summary>
    ChatCompletions = 1,

    /// <summary><c>POST /v1/messages</c> on the Anthropic-compatible surface.</summary>
    Messages = 2,

    /// <summary><c>POST /v1/messages/count_tokens</c> on the Anthropic-compatible surface.</summary>
    CountTokens = 4,

    /// <summary><c>POST /v1/responses</c> on the OpenAI-compatible surface.</summary>
    Responses = 8,

    /// <summary><c>GET /v1/models</c>.</summary>
    Models = 16,

    /// <summary>Every operation this SDK knows.</summary>
    All = ChatCompletions | Messages | CountTokens | Responses | Models,
}
