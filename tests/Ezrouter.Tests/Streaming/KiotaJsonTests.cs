using System.Text;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Streaming;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// <see cref="KiotaJson.Serialize"/> goes through Kiota's <see cref="KiotaJsonSerializer"/> and writes the bytes
/// Kiota's <see cref="JsonSerializationWriter"/> writes when used directly, as it did before.
/// </summary>
public sealed class KiotaJsonTests
{
    [Fact]
    public void SerializeWritesWhatKiotasWriterWritesForAChatCompletion()
    {
        var model = KiotaJson.Parse(
            """{"id":"chatcmpl-1","object":"chat.completion","created":1763700000,"model":"gpt-5.2","choices":[{"index":0,"message":{"role":"assistant","content":"Hi <there> & \"é\" 中文 😀"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5},"x_vendor":{"a":[1,null,true]}}"""u8,
            OpenAiModels.CreateChatCompletionResponse.CreateFromDiscriminatorValue);

        Assert.Equal(Direct(model), Encoding.UTF8.GetString(KiotaJson.Serialize(model)));
    }

    [Fact]
    public void SerializeWritesWhatKiotasWriterWritesForAMessage()
    {
        var model = KiotaJson.Parse(
            """{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"Hello"},{"type":"tool_use","id":"toolu_1","name":"f","input":{"city":"Paris","days":[1,2]}}],"stop_reason":"tool_use","usage":{"input_tokens":5,"output_tokens":7}}"""u8,
            AnthropicModels.Message.CreateFromDiscriminatorValue);

        Assert.Equal(Direct(model), Encoding.UTF8.GetString(KiotaJson.Serialize(model)));
    }

    private static string Direct(IParsable model)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, model);
        using var content = writer.GetSerializedContent();
        using var reader = new StreamReader(content, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
