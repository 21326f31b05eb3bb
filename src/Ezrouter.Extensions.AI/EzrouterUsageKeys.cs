namespace Ezrouter.Extensions.AI;

/// <summary>
/// The keys <see cref="EzrouterChatClient"/> writes into <c>UsageDetails.AdditionalCounts</c>, on both surfaces: the
/// cache read, cache write and reasoning counts are always there (0 when the gateway reported none); the 5-minute and
/// 1-hour cache writes only when not 0. <c>InputTokenCount</c> always includes cached tokens, read and written;
/// <c>CachedInputTokenCount</c> and <c>ReasoningTokenCount</c> are set as well.
/// </summary>
public static class EzrouterUsageKeys
{
    /// <summary><c>ezrouter.cache_read_input_tokens</c>: input tokens served from the prompt cache.</summary>
    public const string CacheReadInputTokens = "ezrouter.cache_read_input_tokens";

    /// <summary><c>ezrouter.cache_write_input_tokens</c>: input tokens written to the prompt cache (all lifetimes).</summary>
    public const string CacheWriteInputTokens = "ezrouter.cache_write_input_tokens";

    /// <summary><c>ezrouter.cache_write_5m_input_tokens</c>: of those, written to the 5-minute cache.</summary>
    public const string CacheWrite5mInputTokens = "ezrouter.cache_write_5m_input_tokens";

    /// <summary><c>ezrouter.cache_write_1h_input_tokens</c>: of those, written to the 1-hour cache.</summary>
    public const string CacheWrite1hInputTokens = "ezrouter.cache_write_1h_input_tokens";

    /// <summary><c>ezrouter.reasoning_tokens</c>: output tokens spent on reasoning (the gateway does not fill it for Claude).</summary>
    public const string ReasoningTokens = "ezrouter.reasoning_tokens";
}
