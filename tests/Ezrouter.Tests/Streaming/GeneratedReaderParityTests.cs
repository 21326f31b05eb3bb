using System.Text;
using Ezrouter.Generated.Anthropic.Readers;
using Ezrouter.Generated.OpenAi.Readers;
using Ezrouter.Testing;
using Ezrouter.Tests.Generated;
using Microsoft.Kiota.Abstractions.Serialization;
using Ezrouter.Streaming;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// The generated Utf8JsonReader readers (the stream hot path) and Kiota's JsonParseNode path build identical
/// models: for every SSE event in every cassette, and for the awkward shapes Kiota has rules for.
/// </summary>
public class GeneratedReaderParityTests
{
    public static TheoryData<string, string> RecordedEvents()
    {
        var data = new TheoryData<string, string>();
        // The same event can appear in several cassettes: once is enough (and xunit skips duplicate cases anyway).
        var seen = new HashSet<(string, string)>();
        foreach (var cassette in Cassette.LoadEmbedded())
        {
            foreach (var interaction in cassette.Interactions)
            {
                if (interaction.Response.Frames is not { } frames) continue;
                var surface = interaction.Request.Path.StartsWith("/anthropic", StringComparison.Ordinal) ? "anthropic" : "openai";
                foreach (var line in string.Concat(frames.Select(f => f.Data)).Split('\n'))
                {
                    if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
                    var json = line["data: ".Length..].TrimEnd('\r');
                    if (seen.Add((surface, json))) data.Add(surface, json);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedEvents))]
    public void RecordedEventParsesIdenticallyOnBothPaths(string surface, string json) => AssertParity(surface, json);

    [Theory]
    // Unknown fields of every kind, typed as Kiota types them (decimal, DateTime, Guid, bool, null, untyped).
    [InlineData("openai", """{"id":"c","choices":[],"x_num":1.5,"x_int":3,"x_date":"2026-11-21T10:00:00Z","x_guid":"0f8fad5b-d9cb-469f-a165-70867728950e","x_true":true,"x_null":null,"x_arr":[1,"a",{"b":[null]}],"x_obj":{"k":2.25,"big":12345678901}}""")]
    // Wrong kinds: Kiota sets null for a mismatched scalar, an empty list for a non-array, an empty object for a non-object.
    // Objects and arrays where a scalar belongs are skipped whole, not read as the enclosing object's fields.
    // Known properties set to null, and duplicates (a known property: last wins; unknown: first wins).
    [InlineData("openai", """{"id":null,"model":"a","model":"b","x":1,"x":2}""")]
    // Error code as a string, a number, or absent.
    [InlineData("openai", """{"error":{"message":"m","type":"t","code":"c"}}""")]
    [InlineData("openai", """{"error":{"message":"m","type":"t","code":429,"param":null}}""")]
    // A discriminator that is not the first property, an unknown variant, a non-object where a union is expected.
    [InlineData("anthropic", """{"index":0,"content_block":{"text":"late tag","type":"text","x":1},"type":"content_block_start"}""")]
    [InlineData("anthropic", """{"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"s","input":{}}}""")]
    [InlineData("anthropic", """{"type":"future_event","payload":{"a":[1,2]}}""")]
    // Escaped property names (matched by their unescaped text, as Kiota's JsonElement does), a case-different name
    // (not a match: ordinal), and several choices and tool calls (lists grow past the one-item first array).
    [InlineData("openai", """{"\u0069d":"c","ch\u006fices":[{"index":0,"delta":{"c\u006Fntent":"esc\u00e9"}}],"Model":"upper"}""")]
    [InlineData("openai", """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a"},{"index":1,"id":"b"},{"index":2,"id":"c"}]}},{"index":1,"delta":{}},{"index":2,"delta":{"content":"x"}}]}""")]
    [InlineData("anthropic", """{"t\u0079pe":"content_block_delta","index":0,"delta":{"type":"text_delta","te\u0078t":"y"}}""")]
    public void AwkwardShapesParseIdenticallyOnBothPaths(string surface, string json) => AssertParity(surface, json);

    /// <summary>
    /// Where Kiota's parse node reads a value of the wrong JSON type as null (or an empty model), the generated readers
    /// refuse it, and the stream reader names the field: an event that says something else than the spec is a
    /// protocol error, not a silent gap.
    /// </summary>
    [Theory]
    [InlineData("openai", """{"id":5,"created":"soon","choices":"none","usage":7}""", "id")]
    [InlineData("openai", """{"choices":[null,{"index":0,"delta":{"tool_calls":[{"index":1,"id":"t","type":null,"function":{"arguments":"{}"}}]}}]}""", "choices[0]")]
    [InlineData("openai", """{"id":"c","choices":[{"index":0,"delta":{"content":["x",{"role":"user","y":1}],"role":"assistant"},"finish_reason":"stop"}],"model":"m"}""", "choices[0].delta.content")]
    [InlineData("openai", """{"id":{"model":"inner","a":[1]},"created":[1,{"x":2}],"model":"m","object":{"choices":[]},"system_fingerprint":true}""", "id")]
    [InlineData("openai", """{"choices":[{"index":{"a":1},"finish_reason":["stop"],"delta":{"tool_calls":[{"index":"1","id":{"x":1},"function":{"name":[1],"arguments":{"k":"v"}}}]}}],"usage":{"prompt_tokens":{"a":1},"total_tokens":3}}""", "choices[0].index")]
    [InlineData("anthropic", """{"type":"content_block_delta","index":{"a":1},"delta":{"type":"text_delta","text":{"t":"x","type":"y"}}}""", "index")]
    [InlineData("anthropic", """{"type":"message_start","message":{"id":["m"],"model":{"id":"x"},"content":[],"usage":{"input_tokens":[1],"output_tokens":2}}}""", "message.id")]
    [InlineData("anthropic", """{"type":"content_block_start","index":0,"content_block":"text"}""", "content_block")]
    [InlineData("anthropic", """{"type":"message_start","message":{"id":"m","content":[{"type":"tool_result","tool_use_id":"t","content":"plain"},{"type":"tool_result","tool_use_id":"u","content":[{"type":"text","text":"x"}]},{"type":"tool_result","content":5}],"usage":{"input_tokens":1,"cache_creation":{"ephemeral_5m_input_tokens":2}}}}""", "message.content[2].content")]
    public void WrongTypedValuesAreRefusedNamingTheField(string surface, string json, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var refused = Assert.Throws<System.Text.Json.JsonException>(() =>
        {
            if (surface == "anthropic") MessageStreamEventReader.Read(bytes);
            else CreateChatCompletionStreamResponseReader.Read(bytes);
        });

        Assert.StartsWith($"{field}: expected ", Ezrouter.Streaming.StreamErrors.Describe(refused, bytes));
    }

    [Fact]
    public void AdditionalDataValuesHaveKiotasTypes()
    {
        const string json = """{"x_num":1.5,"x_date":"2026-11-21T10:00:00Z","x_guid":"0f8fad5b-d9cb-469f-a165-70867728950e","x_arr":[1],"x_null":null}""";

        var fast = CreateChatCompletionStreamResponseReader.Read(Encoding.UTF8.GetBytes(json)).AdditionalData;
        var kiota = KiotaJson.Parse(Encoding.UTF8.GetBytes(json), OpenAiModels.CreateChatCompletionStreamResponse.CreateFromDiscriminatorValue).AdditionalData;

        foreach (var key in kiota.Keys) Assert.Equal(kiota[key]?.GetType(), fast[key]?.GetType());
        Assert.IsType<decimal>(fast["x_num"]);
        Assert.IsType<DateTime>(fast["x_date"]);
        Assert.IsType<Guid>(fast["x_guid"]);
        Assert.IsType<UntypedArray>(fast["x_arr"]);
        Assert.Null(fast["x_null"]);
    }

    [Fact]
    public void MalformedJsonThrowsJsonExceptionOnBothPaths()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"c\",");

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => CreateChatCompletionStreamResponseReader.Read(bytes));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => KiotaJson.Parse(bytes, OpenAiModels.CreateChatCompletionStreamResponse.CreateFromDiscriminatorValue));
    }

    private static void AssertParity(string surface, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        IParsable fast, kiota;
        if (surface == "anthropic")
        {
            fast = MessageStreamEventReader.Read(bytes);
            kiota = KiotaJson.Parse(bytes, AnthropicModels.MessageStreamEvent.CreateFromDiscriminatorValue);
        }
        else
        {
            fast = CreateChatCompletionStreamResponseReader.Read(bytes);
            kiota = KiotaJson.Parse(bytes, OpenAiModels.CreateChatCompletionStreamResponse.CreateFromDiscriminatorValue);
        }
        // Compared as a graph, not through Kiota's writer: it cannot write a ContentBlock holding unknown fields.
        Assert.Equal(Shape(kiota), Shape(fast));
    }

    // The model graph as property name → runtime type, so a value of the right text but the wrong type fails too.
    internal static string Shape(object? value, int depth = 0)
    {
        if (value is null) return "null";
        if (depth > 12) return "…";
        var type = value.GetType();
        if (value is string or decimal or double or int or long or bool or DateTime or Guid or float or DateTimeOffset) return $"{type.Name}({value})";
        if (value is UntypedNode node) return $"{type.Name}:{GeneratedClientTests.Write(new UntypedHolder(node))}";
        if (value is System.Collections.IDictionary dictionary)
            return "{" + string.Join(",", dictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal).Select(k => $"{k}={Shape(dictionary[k], depth + 1)}")) + "}";
        if (value is System.Collections.IEnumerable items)
            return "[" + string.Join(",", items.Cast<object?>().Select(i => Shape(i, depth + 1))) + "]";
        return type.Name + "{" + string.Join(",", type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={Shape(p.GetValue(value), depth + 1)}")) + "}";
    }

    private sealed class UntypedHolder(UntypedNode node) : IParsable
    {
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>();
        public void Serialize(ISerializationWriter writer) => writer.WriteObjectValue("v", node);
    }
}
