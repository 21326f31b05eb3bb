using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Http;

/// <summary><see cref="EzrouterResponse{T}"/> converts to its model, as <c>ClientResult&lt;T&gt;</c> does in the OpenAI SDK.</summary>
public sealed class EzrouterResponseConversionTests
{
    [Fact]
    public void ConvertsImplicitlyToTheModel()
    {
        var model = new CreateChatCompletionResponse { Id = "chatcmpl-1" };
        CreateChatCompletionResponse converted = new EzrouterResponse<CreateChatCompletionResponse>(model, new EzrouterResponseInfo());
        Assert.Same(model, converted);
        Assert.Same(model, new EzrouterResponse<CreateChatCompletionResponse>(model, new EzrouterResponseInfo()).ToValue());
    }

    [Fact]
    public void ANullResponseIsAnArgumentError()
    {
        EzrouterResponse<CreateChatCompletionResponse>? none = null;
        Assert.Throws<ArgumentNullException>(() => { CreateChatCompletionResponse _ = none!; });
    }
}
