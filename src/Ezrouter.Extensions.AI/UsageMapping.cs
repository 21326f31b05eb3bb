using Microsoft.Extensions.AI;

namespace Ezrouter.Extensions.AI;

/// <summary>The SDK's one usage shape (<see cref="EzrouterUsage"/>) as M.E.AI's <see cref="UsageDetails"/>.</summary>
internal static class UsageMapping
{
    public static UsageDetails ToUsageDetails(EzrouterUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens,
            CachedInputTokenCount = usage.CacheReadTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
            AdditionalCounts = new AdditionalPropertiesDictionary<long>
            {
                [EzrouterUsageKeys.CacheReadInputTokens] = usage.CacheReadTokens,
                [EzrouterUsageKeys.CacheWriteInputTokens] = usage.CacheWriteTokens,
                [EzrouterUsageKeys.ReasoningTokens] = usage.ReasoningTokens,
            },
        };
        if (usage.CacheWrite5mTokens != 0) details.AdditionalCounts[EzrouterUsageKeys.CacheWrite5mInputTokens] = usage.CacheWrite5mTokens;
        if (usage.CacheWrite1hTokens != 0) details.AdditionalCounts[EzrouterUsageKeys.CacheWrite1hInputTokens] = usage.CacheWrite1hTokens;
        return details;
    }
}
