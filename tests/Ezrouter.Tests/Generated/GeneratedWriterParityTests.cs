using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Http;
using Anthropic = Ezrouter.Generated.Anthropic.Models;
using OpenAi = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>
/// The generated request writers (<c>*.Writers</c>) write the bytes Kiota's JsonSerializationWriter writes, for every
/// shape a request body takes; where they cannot (an unmodelled variant of a union without AdditionalData, enum or date
/// values, a subclass) they say so, and <see cref="RequestBodyJsonWriter"/> falls back to Kiota, so what is sent is
/// identical either way. Where Kiota's writer throws (a ContentBlock holding unknown fields), they write what was read.
/// </summary>
public partial class GeneratedWriterParityTests
{
    private const string Awkward = "<tag> & 'quote' \\\"back\\\\slash\\\" \\n\\t\\u0001 é 中文 😀 \\u2028";

    public static TheoryData<string, string> WrittenByTheGeneratedWriters => new()
    {
        { "openai", """{"model":"gpt-5.2","messages":[{"role":"user","content":"Hello!"}]}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"AWKWARD"}],"user":"AWKWARD"}""".Replace("AWKWARD", Awkward) },
        { "openai", """{"model":"m","stream":true,"stream_options":{"include_usage":true},"temperature":0.1,"top_p":1e-7,"frequency_penalty":-1.5,"presence_penalty":2,"max_tokens":4096,"max_completion_tokens":1,"seed":9007199254740993,"n":1,"logprobs":false,"top_logprobs":0,"parallel_tool_calls":true,"reasoning_effort":"high","service_tier":"auto","modalities":["text","audio"],"messages":[]}""" },
        { "openai", """{"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"developer","content":[{"type":"text","text":"dev"}]},{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"low"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"sunny"}]}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"stop":"END"}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"stop":["a","b"]}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"auto"}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"function","function":{"name":"f"}}}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"s","strict":true,"schema":{"type":"object","properties":{"a":{"type":"integer","minimum":0,"maximum":2147483648,"multipleOf":0.5}},"required":["a"],"additionalProperties":false}}}}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object","properties":{"q":{"type":"string","enum":["a",null,"c"],"default":null},"n":{"type":"number","default":1.25},"big":{"default":12345678901},"t":{"default":true},"arr":{"items":[[],{},[1,[2,{"x":"y"}]]]}}},"strict":false}}]}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"metadata":{"k":"v","n":null},"logit_bias":{"50256":-100}}""" },
        { "anthropic", """{"model":"claude-sonnet-4-6","max_tokens":1024,"messages":[{"role":"user","content":"Hello!"}]}""" },
        { "anthropic", """{"model":"m","max_tokens":1,"system":"AWKWARD","messages":[{"role":"user","content":"AWKWARD"}]}""".Replace("AWKWARD", Awkward) },
        { "anthropic", """{"model":"m","max_tokens":8,"stream":true,"temperature":0.7,"top_p":0.9,"top_k":5,"stop_sequences":["\n\nHuman:"],"metadata":{"user_id":"u-1"},"system":[{"type":"text","text":"sys","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0K"}}]},{"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":[1,2],"units":null}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"}]}]}""" },
        { "anthropic", """{"model":"m","max_tokens":8,"messages":[{"role":"user","content":"x"}],"tools":[{"name":"f","description":"d","input_schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}}],"tool_choice":{"type":"tool","name":"f"},"thinking":{"type":"enabled","budget_tokens":2048}}""" },
    };

    public static TheoryData<string, string> LeftToKiotasWriter => new()
    {
        // A message role the spec does not model: an unrecognized member of a union that holds no AdditionalData
        // (Kiota's parse node drops its fields, and its writer writes what is left).
        { "openai", """{"model":"m","messages":[{"role":"function","name":"f","content":"x"}]}""" },
    };

    // Unknown fields (AdditionalData), at the top and inside a message: Kiota writes them after the known properties,
    // and so do the generated writers.
    public static TheoryData<string, string> AdditionalDataWrittenAsKiotaWritesIt => new()
    {
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"x_vendor":{"a":1}}""" },
        { "openai", """{"model":"m","messages":[{"role":"user","content":"x","x_name":"n"}]}""" },
        { "anthropic", """{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"x"}],"x_beta":true}""" },
    };

    // Kiota's parse node gives a content block's unknown fields (or a whole unmodelled block) to the ContentBlock
    // wrapper, and Kiota's Serialize writes them after the block's object has closed: its writer throws. The SDK's
    // writer puts them back inside the block, so what was read is what is sent.
    public static TheoryData<string, string> KiotasWriterFailsOn => new()
    {
        { "anthropic", """{"max_tokens":1,"messages":[{"content":[{"type":"future_block","payload":1}],"role":"user"}],"model":"m"}""" },
        { "anthropic", """{"max_tokens":1,"messages":[{"content":[{"text":"hi","type":"text","x_block":true}],"role":"user"}],"model":"m"}""" },
    };

    [Theory]
    [MemberData(nameof(KiotasWriterFailsOn))]
    public void WhereKiotasWriterFailsTheClientsWriterSendsWhatWasRead(string surface, string json)
    {
        var model = Parse(surface, json);

        Assert.Throws<InvalidOperationException>(() => Kiota(model));
        Assert.Equal(json, Encoding.UTF8.GetString(ThroughTheClientsWriter(model)));
    }

    [Theory]
    [MemberData(nameof(AdditionalDataWrittenAsKiotaWritesIt))]
    public void AdditionalDataIsWrittenByTheGeneratedWritersAsKiotaWritesIt(string surface, string json)
    {
        var model = Parse(surface, json);

        var generated = Generated(model, out var written);

        Assert.True(written, "the generated writer declined a body it should write");
        Assert.Equal(Encoding.UTF8.GetString(Kiota(model)), Encoding.UTF8.GetString(generated!));
    }

    [Theory]
    [MemberData(nameof(WrittenByTheGeneratedWriters))]
    public void GeneratedWriterWritesKiotasBytes(string surface, string json)
    {
        // Arrange
        var model = Parse(surface, json);

        // Act
        var generated = Generated(model, out var written);

        // Assert
        Assert.True(written, "the generated writer declined a body it should write");
        Assert.Equal(Encoding.UTF8.GetString(Kiota(model)), Encoding.UTF8.GetString(generated!));
    }

    [Theory]
    [MemberData(nameof(LeftToKiotasWriter))]
    public void WhatOnlyKiotaWritesIsLeftToKiotaAndSentTheSame(string surface, string json)
    {
        // Arrange
        var model = Parse(surface, json);

        // Act
        Generated(model, out var written);
        var sent = ThroughTheClientsWriter(model);

        // Assert
        Assert.False(written);
        Assert.Equal(Encoding.UTF8.GetString(Kiota(model)), Encoding.UTF8.GetString(sent));
    }

    [Theory]
    [MemberData(nameof(WrittenByTheGeneratedWriters))]
    [MemberData(nameof(AdditionalDataWrittenAsKiotaWritesIt))]
    [MemberData(nameof(LeftToKiotasWriter))]
    public void TheClientsWriterSendsKiotasBytes(string surface, string json)
    {
        var model = Parse(surface, json);
        Assert.Equal(Encoding.UTF8.GetString(Kiota(model)), Encoding.UTF8.GetString(ThroughTheClientsWriter(model)));
    }

    [Fact]
    public void AUnionWithNoMemberThatKiotasWriterCannotWriteIsATypedErrorAndNothingIsSent()
    {
        // Arrange: ToolChoice holds no AdditionalData, so a variant Kiota could not model reads as an empty wrapper,
        // which Kiota's writer writes as a property name with no value.
        var request = (Anthropic.CreateMessageRequest)Parse("anthropic", """{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"future_choice"}}""");
        Assert.NotNull(request.ToolChoice);
        Assert.Throws<InvalidOperationException>(() => Kiota(request));

        // Act
        var error = Assert.Throws<EzrouterInvalidRequestException>(() => ThroughTheClientsWriter(request));

        // Assert
        Assert.Equal(0, error.StatusCode);
        Assert.Contains("the request body (CreateMessageRequest) cannot be written as JSON, so nothing was sent", error.Message);
        Assert.Contains("A union value with no member set, or unknown fields that are not plain JSON values, cause this.", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void ALargeBodyAndTheSmallOneAfterItAreBothKiotasBytes()
    {
        // A body past 64 KB makes the writer let go of its thread's buffer; the next body gets a fresh one.
        var large = Parse("openai", $$"""{"model":"m","messages":[{"role":"user","content":"{{new string('x', 100_000)}}"}]}""");
        var small = Parse("openai", """{"model":"m","messages":[{"role":"user","content":"y"}]}""");

        Assert.Equal(Kiota(large), ThroughTheClientsWriter(large));
        Assert.Equal(Kiota(small), ThroughTheClientsWriter(small));
    }

    [Fact]
    public void ASubclassThatOverridesSerializeIsWrittenByKiota()
    {
        // Arrange: the models' Serialize is virtual; a caller's subclass that adds a field must keep it.
        var request = new VendorChatRequest { Model = "m", Messages = [], Vendor = "v" };

        // Act
        Generated(request, out var written);
        var sent = Encoding.UTF8.GetString(ThroughTheClientsWriter(request));

        // Assert
        Assert.False(written);
        Assert.Equal("""{"messages":[],"model":"m","x_vendor":"v"}""", sent);
    }

    private sealed class VendorChatRequest : OpenAi.CreateChatCompletionRequest
    {
        public string? Vendor { get; set; }

        public override void Serialize(ISerializationWriter writer)
        {
            base.Serialize(writer);
            writer.WriteStringValue("x_vendor", Vendor);
        }
    }

    [Fact]
    public void HooksSetByABackingStoreSendTheBodyThroughKiota()
    {
        // Arrange
        var model = Parse("openai", """{"model":"m","messages":[{"role":"user","content":"x"}]}""");
        var seen = new List<IParsable>();
        using var writer = new RequestBodyJsonWriter(() => new JsonSerializationWriter()) { OnBeforeObjectSerialization = seen.Add };

        // Act
        writer.WriteObjectValue(null, model);
        using var content = writer.GetSerializedContent();

        // Assert
        Assert.Contains(model, seen);
        Assert.Equal(Kiota(model), ReadAll(content));
    }

    [Fact]
    public void AClientRequestSendsTheGeneratedBytes()
    {
        // Arrange: what the SDK sends for a chat request equals Kiota's serialization of the same model.
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"gpt-5.2","messages":[{"role":"user","content":"Hello!"}],"temperature":0.5}""");
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-test" });
        var info = client.OpenAi.V1.Chat.Completions.ToPostRequestInformation(request);

        // Act
        var sent = ReadAll(info.Content!);

        // Assert
        Assert.Equal(Encoding.UTF8.GetString(Kiota(request)), Encoding.UTF8.GetString(sent));
    }

    private static IParsable Parse(string surface, string json)
    {
        var node = new JsonParseNode(JsonDocument.Parse(json).RootElement);
        return surface == "openai"
            ? node.GetObjectValue(OpenAi.CreateChatCompletionRequest.CreateFromDiscriminatorValue)!
            : node.GetObjectValue(Anthropic.CreateMessageRequest.CreateFromDiscriminatorValue)!;
    }

    private static byte[] Kiota(IParsable model)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, model);
        return ReadAll(writer.GetSerializedContent());
    }

    private static byte[]? Generated(IParsable model, out bool written)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer);
        written = Ezrouter.Generated.OpenAi.Writers.RequestBodyWriters.TryWrite(json, model) ||
            Ezrouter.Generated.Anthropic.Writers.RequestBodyWriters.TryWrite(json, model);
        if (!written) return null;
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] ThroughTheClientsWriter(IParsable model)
    {
        using var writer = new RequestBodyJsonWriter(() => new JsonSerializationWriter());
        writer.WriteObjectValue(null, model);
        return ReadAll(writer.GetSerializedContent());
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
