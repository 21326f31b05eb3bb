namespace Ezrouter.Http;

/// <summary>Which of the gateway's API surfaces a request is for; it decides how an SSE answer is read.</summary>
public enum EzrouterSurface
{
    /// <summary>The OpenAI-compatible surface (<c>/v1/...</c>): an SSE answer is <c>chat.completion.chunk</c>s.</summary>
    OpenAi,

    /// <summary>The Anthropic-compatible surface (<c>/anthropic/v1/...</c>): an SSE answer is Messages events.</summary>
    Anthropic,

    /// <summary>The Responses API on the OpenAI-compatible surface (<c>/v1/responses</c>): an SSE answer is named Responses events.</summary>
    Responses,
}
