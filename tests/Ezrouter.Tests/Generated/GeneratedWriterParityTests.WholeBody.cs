using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Http;
using OpenAi = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>A body the generated writers wrote is one whole JSON document, handed out read-only and in place.</summary>
public partial class GeneratedWriterParityTests
{
    [Fact]
    public void NothingMoreCanBeWrittenAfterTheGeneratedWritersWroteTheWholeBody()
    {
        // Arrange
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"m","messages":[]}""");
        using var writer = new RequestBodyJsonWriter(() => new JsonSerializationWriter());
        writer.WriteObjectValue(null, request);

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => writer.WriteStringValue("extra", "x"));

        // Assert: refused, and the body is still the one document.
        Assert.Equal("The request body was already written whole; a JSON document has one root value.", error.Message);
        Assert.Equal(Kiota(request), ReadAll(writer.GetSerializedContent()));
    }

    [Fact]
    public void TheGeneratedBodyIsHandedOutReadOnlyWithItsBufferExposedForSendingInPlace()
    {
        // Arrange
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"m","messages":[]}""");
        using var writer = new RequestBodyJsonWriter(() => new JsonSerializationWriter());
        writer.WriteObjectValue(null, request);

        // Act
        using var content = writer.GetSerializedContent();

        // Assert: the adapter sends an exposed MemoryStream buffer without copying it; nobody may write into it.
        var memory = Assert.IsType<MemoryStream>(content);
        Assert.False(memory.CanWrite);
        Assert.True(memory.TryGetBuffer(out var buffer));
        Assert.Equal(Kiota(request), buffer.ToArray());
    }
}
