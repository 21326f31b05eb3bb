using System;
using OpenAiUsage = Ezrouter.Generated.OpenAi.Models.CompletionUsage;
using AnthropicUsage = Ezrouter.Generated.Anthropic.Models.Usage;
using ResponseUsage = Ezrouter.Generated.OpenAi.Models.ResponseUsage;

namespace Ezrouter;

/// <summary>
/// Token usage in one shape for both surfaces. Input counts include cached tokens (read and written); output is
/// <c>completion_tokens</c> on the OpenAI surface, which wins over the gateway's <c>output_tokens</c> alias that
/// often reads 0 (docs/gateway-behavior.md §13).
/// </summary>
public sealed record EzrouterUsage
{
    /// <summary>All input tokens, cache reads and cache writes included.</summary>
    public int InputTokens { get; init; }

    /// <summary>Input tokens served from the prompt cache.</summary>
    public int CacheReadTokens { get; init; }

    /// <summary>Input tokens written to the 5-minute cache.</summary>
    public int CacheWrite5mTokens { get; init; }

    /// <summary>Input tokens written to the 1-hour cache.</summary>
    public int CacheWrite1hTokens { get; init; }

    /// <summary>All cache writes (5 m + 1 h, or the total when the split is unknown).</summary>
    public int CacheWriteTokens { get; init; }

    /// <summary>Output tokens spent on reasoning, when reported (the gateway does not fill it for Claude).</summary>
    public int ReasoningTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public int OutputTokens { get; init; }

    /// <summary>Input plus output.</summary>
    public int TotalTokens => InputTokens + OutputTokens;

    /// <summary>From OpenAI-surface usage. Gateway: for Claude, <c>prompt_tokens</c> already includes cache reads and writes.</summary>
    public static EzrouterUsage From(OpenAiUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var write5m = usage.ClaudeCacheCreation5MTokens ?? 0;
        var write1h = usage.ClaudeCacheCreation1HTokens ?? 0;
        var writes = Math.Max(write5m + write1h, usage.PromptTokensDetails?.CachedCreationTokens ?? 0);
        return new EzrouterUsage
        {
            InputTokens = usage.PromptTokens ?? usage.InputTokens ?? 0,
            CacheReadTokens = usage.PromptTokensDetails?.CachedTokens ?? 0,
            CacheWrite5mTokens = write5m,
            CacheWrite1hTokens = write1h,
            CacheWriteTokens = writes,
            ReasoningTokens = usage.CompletionTokensDetails?.ReasoningTokens ?? 0,
            OutputTokens = usage.CompletionTokens ?? usage.OutputTokens ?? 0,
        };
    }

    /// <summary>From Anthropic-surface usage: <c>input_tokens</c> excludes the cache, so it is added back.</summary>
    public static EzrouterUsage From(AnthropicUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var read = usage.CacheReadInputTokens ?? 0;
        var write = usage.CacheCreationInputTokens ?? 0;
        return new EzrouterUsage
        {
            InputTokens = (usage.InputTokens ?? 0) + read + write,
            CacheReadTokens = read,
            CacheWrite5mTokens = usage.CacheCreation?.Ephemeral5mInputTokens ?? 0,
            CacheWrite1hTokens = usage.CacheCreation?.Ephemeral1hInputTokens ?? 0,
            CacheWriteTokens = write,
            OutputTokens = usage.OutputTokens ?? 0,
        };
    }

    /// <summary>From Responses API usage: <c>input_tokens</c> already counts the cached tokens, as <c>prompt_tokens</c> does on chat.</summary>
    public static EzrouterUsage From(ResponseUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new EzrouterUsage
        {
            InputTokens = usage.InputTokens ?? 0,
            CacheReadTokens = usage.InputTokensDetails?.CachedTokens ?? 0,
            ReasoningTokens = usage.OutputTokensDetails?.ReasoningTokens ?? 0,
            OutputTokens = usage.OutputTokens ?? 0,
        };
    }
}
