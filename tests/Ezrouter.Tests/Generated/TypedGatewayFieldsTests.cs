using System.Text;
using Ezrouter.Generated.OpenAi.Readers;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using AnthropicReaders = Ezrouter.Generated.Anthropic.Readers;

namespace Ezrouter.Tests.Generated;

/// <summary>
/// Fields the gateway sends that used to land only in AdditionalData are typed (issue 13, item 1): the reasoning
/// delta, service_tier and obfuscation on chunks, input_tokens_details and DeepSeek's cache counts in usage, and the
/// OpenAI-shaped error on the Anthropic surface.
/// </summary>
public sealed class TypedGatewayFieldsTests
{
    [Fact]
    public void AChunksGatewayFieldsAreTyped()
    {
        var chunk = CreateChatCompletionStreamResponseReader.Read(Encoding.UTF8.GetBytes(
            """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","service_tier":"default","obfuscation":"x1y2","choices":[{"index":0,"delta":{"reasoning":"Let me think"}}],"usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10,"input_tokens_details":null,"prompt_cache_hit_tokens":8,"prompt_cache_miss_tokens":1}}"""));

        Assert.Equal("default", chunk.ServiceTier);
        Assert.Equal("x1y2", chunk.Obfuscation);
        Assert.Equal("Let me think", chunk.Choices![0].Delta!.Reasoning);
        Assert.Equal(8, chunk.Usage!.PromptCacheHitTokens);
        Assert.Equal(1, chunk.Usage.PromptCacheMissTokens);
        Assert.Null(chunk.Usage.InputTokensDetails);
        Assert.Empty(chunk.AdditionalData);
        Assert.Empty(chunk.Usage.AdditionalData);
        Assert.Empty(chunk.Choices[0].Delta!.AdditionalData);
    }

    [Fact]
    public async Task TheAnthropicErrorClassReadsTheOpenAiShapeToo()
    {
        var json = """{"error":{"message":"invalid key","type":"new_api_error","code":"invalid_api_key"}}""";
        var root = await new JsonParseNodeFactory().GetRootParseNodeAsync("application/json", new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var error = root.GetObjectValue(AnthropicModels.ErrorResponse.CreateFromDiscriminatorValue)!;

        Assert.Null(error.Type);
        Assert.Equal("invalid key", error.Error!.Message);
        Assert.Equal("invalid_api_key", error.Error.Code);
        Assert.Empty(error.Error.AdditionalData);
    }

    [Theory]
    [InlineData("""{"error":{"message":"invalid key","type":"new_api_error","code":"invalid_api_key"}}""", null, "new_api_error", "invalid_api_key")]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"invalid key"}}""", "error", "overloaded_error", null)]
    public void TheGeneratedAnthropicErrorReaderReadsBothEnvelopes(string json, string? type, string errorType, string? code)
    {
        // The reader the SDK uses for JSON answers (not Kiota's parse node): both envelopes, nothing left over.
        var error = AnthropicReaders.ErrorResponseReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal((type, errorType, "invalid key", code), (error.Type, error.Error!.Type, error.Error.Message, error.Error.Code));
        Assert.Empty(error.AdditionalData);
        Assert.Empty(error.Error.AdditionalData);
    }

    [Fact]
    public void TheGeneratedOpenAiErrorReaderKeepsABareStringError()
    {
        // An upstream's own body relayed unconverted: error is a string, with code and type beside it.
        var error = ErrorResponseReader.Read(Encoding.UTF8.GetBytes("""{"error":"model runner crashed","code":"E1"}"""));

        Assert.Equal("model runner crashed", Assert.IsType<UntypedString>(error.Error).GetValue());
        Assert.Equal("E1", error.AdditionalData["code"]);
    }
}
