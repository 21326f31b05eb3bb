using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>An aggregated SSE answer reaches Kiota as its model, not as JSON written and parsed back.</summary>
public class PreParsedContentTests
{
    [Fact]
    public async Task TheFactoryHandsKiotaTheAggregatedModelItself()
    {
        var completion = new CreateChatCompletionResponse { Id = "c1" };
        var content = new ParsedModelContent(completion);

        var node = await new PreParsedJsonParseNodeFactory().GetRootParseNodeAsync("application/json", await content.ReadAsStreamAsync());

        Assert.Same(completion, node.GetObjectValue(CreateChatCompletionResponse.CreateFromDiscriminatorValue));
    }

    [Fact]
    public async Task ReadAsBytesTheContentIsTheModelsJson()
    {
        var content = new ParsedModelContent(new CreateChatCompletionResponse { Id = "c1", Object = "chat.completion" });

        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"id\":\"c1\",\"object\":\"chat.completion\"}", await content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OrdinaryJsonStillParsesThroughKiota()
    {
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Payloads.ChatCompletionJson));

        var node = await new PreParsedJsonParseNodeFactory().GetRootParseNodeAsync("application/json", body);

        Assert.Equal("chatcmpl-1", node.GetObjectValue(CreateChatCompletionResponse.CreateFromDiscriminatorValue).Id);
    }
}
