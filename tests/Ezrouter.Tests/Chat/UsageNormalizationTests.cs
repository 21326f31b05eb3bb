using System.Text;
using Ezrouter.Streaming;
using AnthropicUsage = Ezrouter.Generated.Anthropic.Models.Usage;
using OpenAiUsage = Ezrouter.Generated.OpenAi.Models.CompletionUsage;
using ResponseUsage = Ezrouter.Generated.OpenAi.Models.ResponseUsage;

namespace Ezrouter.Tests.Chat;

/// <summary>
/// <see cref="EzrouterUsage"/> from each surface's usage object, field by field with distinct numbers (so a field
/// read from the wrong place shows), from an empty one (zeros, not a failure), and the gateway's alternative names.
/// </summary>
public sealed class UsageNormalizationTests
{
    private static T Parse<T>(string json, Microsoft.Kiota.Abstractions.Serialization.ParsableFactory<T> factory)
        where T : Microsoft.Kiota.Abstractions.Serialization.IParsable => KiotaJson.Parse(Encoding.UTF8.GetBytes(json), factory);

    [Fact]
    public void AnOpenAiUsageMapsEveryField()
    {
        var usage = EzrouterUsage.From(Parse("""
            {"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,
             "prompt_tokens_details":{"cached_tokens":30,"cached_creation_tokens":4},
             "completion_tokens_details":{"reasoning_tokens":7},
             "claude_cache_creation_5_m_tokens":5,"claude_cache_creation_1_h_tokens":6}
            """, OpenAiUsage.CreateFromDiscriminatorValue));

        Assert.Equal(new EzrouterUsage
        {
            InputTokens = 100, CacheReadTokens = 30, CacheWrite5mTokens = 5, CacheWrite1hTokens = 6, CacheWriteTokens = 11,
            ReasoningTokens = 7, OutputTokens = 20,
        }, usage);
        Assert.Equal(120, usage.TotalTokens);
    }

    [Fact]
    public void AnOpenAiUsageTakesTheLargerOfTheSummedAndTheReportedCacheWrites()
    {
        var usage = EzrouterUsage.From(Parse("""{"prompt_tokens_details":{"cached_creation_tokens":40},"claude_cache_creation_5_m_tokens":5}""", OpenAiUsage.CreateFromDiscriminatorValue));

        Assert.Equal(40, usage.CacheWriteTokens);
        Assert.Equal(5, usage.CacheWrite5mTokens);
    }

    [Fact]
    public void AnOpenAiUsageInTheResponsesNamesIsReadToo()
    {
        var usage = EzrouterUsage.From(Parse("""{"input_tokens":9,"output_tokens":3}""", OpenAiUsage.CreateFromDiscriminatorValue));

        Assert.Equal(9, usage.InputTokens);
        Assert.Equal(3, usage.OutputTokens);
        Assert.Equal(12, usage.TotalTokens);
    }

    [Fact]
    public void AnAnthropicUsageCountsCachedInputAsInput()
    {
        var usage = EzrouterUsage.From(Parse("""
            {"input_tokens":10,"output_tokens":8,"cache_read_input_tokens":200,"cache_creation_input_tokens":50,
             "cache_creation":{"ephemeral_5m_input_tokens":20,"ephemeral_1h_input_tokens":30}}
            """, AnthropicUsage.CreateFromDiscriminatorValue));

        Assert.Equal(new EzrouterUsage
        {
            InputTokens = 260, CacheReadTokens = 200, CacheWrite5mTokens = 20, CacheWrite1hTokens = 30, CacheWriteTokens = 50,
            ReasoningTokens = 0, OutputTokens = 8,
        }, usage);
        Assert.Equal(268, usage.TotalTokens);
    }

    [Fact]
    public void AResponsesUsageMapsEveryField()
    {
        var usage = EzrouterUsage.From(Parse("""
            {"input_tokens":40,"output_tokens":12,"total_tokens":52,"input_tokens_details":{"cached_tokens":16},"output_tokens_details":{"reasoning_tokens":5}}
            """, ResponseUsage.CreateFromDiscriminatorValue));

        Assert.Equal(new EzrouterUsage { InputTokens = 40, CacheReadTokens = 16, ReasoningTokens = 5, OutputTokens = 12 }, usage);
    }

    [Fact]
    public void AnEmptyUsageOfAnySurfaceIsZeros()
    {
        var zero = new EzrouterUsage();

        Assert.Equal(zero, EzrouterUsage.From(new OpenAiUsage()));
        Assert.Equal(zero, EzrouterUsage.From(new AnthropicUsage()));
        Assert.Equal(zero, EzrouterUsage.From(new ResponseUsage()));
        Assert.Throws<ArgumentNullException>(() => EzrouterUsage.From((OpenAiUsage)null!));
        Assert.Throws<ArgumentNullException>(() => EzrouterUsage.From((AnthropicUsage)null!));
        Assert.Throws<ArgumentNullException>(() => EzrouterUsage.From((ResponseUsage)null!));
    }
}
