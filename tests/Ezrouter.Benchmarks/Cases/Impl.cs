namespace Ezrouter.Benchmarks.Cases;

/// <summary>The implementations compared, as they appear in every table.</summary>
internal static class Impl
{
    /// <summary>This SDK's streaming API (<c>Chat.CompleteStreamingAsync</c> / <c>Messages.CreateStreamingAsync</c>).</summary>
    public const string Ezrouter = "ezrouter";

    /// <summary>This SDK's non-stream call (<c>CompleteAsync</c> / <c>CreateAsync</c>) on the always-SSE answer.</summary>
    public const string EzrouterNonStream = "ezrouter-nonstream";

    /// <summary>This SDK's non-stream call on the JSON answer the stream adds up to.</summary>
    public const string EzrouterJson = "ezrouter-json";

    public const string OpenAiSdk = "openai-sdk";
    public const string AnthropicSdk = "anthropic-sdk";

    /// <summary>SseParser plus one Utf8JsonReader pass per payload, no objects built.</summary>
    public const string Floor = "floor";
}
