namespace Ezrouter.Http;

/// <summary>Which of the gateway's two API surfaces a request is for; it decides how an SSE answer is read.</summary>
public enum EzrouterSurface
{
    /// <summary>The OpenAI-compatible surface (<c>/v1/...</c>): an SSE answer is <c>chat.completion.chunk</c>s.</summary>
    OpenAi,

    /// <summary>The Anthropic-compatible surface (<c>/anthropic/v1/...</c>): an SSE answer is Messages events.</summary>
    Anthropic,
}
