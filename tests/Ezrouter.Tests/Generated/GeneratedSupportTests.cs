using System.Buffers;
using System.Text;
using System.Text.Json;
using Ezrouter.Generated.Support;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace Ezrouter.Tests.Generated;

/// <summary>The hand-written helpers under src/Ezrouter.Generated/Support, on their own: each mirrors a Kiota conversion.</summary>
public sealed class GeneratedSupportTests
{
    [Fact]
    public void AnInternedSlotReturnsTheSameStringForTheSameBytesAndANewOneOtherwise()
    {
        InternedValue? slot = null;

        var first = Interned("\"msg_1\"", ref slot);
        var again = Interned("\"msg_1\"", ref slot);
        var other = Interned("\"msg_2\"", ref slot);

        Assert.Equal("msg_1", first);
        Assert.Same(first, again);
        Assert.Equal("msg_2", other);
    }

    [Fact]
    public void AnEscapedValueIsNotInternedAndANonStringIsRefusedWithItsOffset()
    {
        InternedValue? slot = null;

        Assert.Equal("a\"b", Interned("\"a\\\"b\"", ref slot));
        Assert.Null(slot);
        var refused = Assert.Throws<JsonException>(() => Interned("42", ref slot));
        Assert.Equal("expected a string, found a number", refused.Message);
        Assert.Equal(0, refused.BytePositionInLine);
        Assert.Null(refused.LineNumber);
    }

    [Theory]
    [InlineData("1", typeof(decimal))]
    [InlineData("1e400", typeof(double))]
    [InlineData("\"text\"", typeof(string))]
    [InlineData("\"2025-01-02T03:04:05Z\"", typeof(DateTime))]
    [InlineData("\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"", typeof(Guid))]
    [InlineData("true", typeof(bool))]
    [InlineData("{\"a\":[1]}", typeof(UntypedObject))]
    public void AdditionalValuesAreTypedAsKiotasParseNodeTypesThem(string json, Type expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        var value = JsonReaderSupport.Anything(ref reader);

        Assert.IsType(expected, value);
        var kiota = new JsonParseNode(JsonDocument.Parse("{\"x\":" + json + "}").RootElement).GetObjectValue(Holder.Create);
        Assert.IsType(expected, kiota.AdditionalData["x"]);
    }

    [Fact]
    public void AdditionalDataIsWrittenAsKiotasWriterWritesIt()
    {
        var data = new Dictionary<string, object>
        {
            ["s"] = "x\"y", ["b"] = true, ["i"] = 1, ["l"] = 9007199254740993L, ["d"] = 0.5, ["m"] = 1.25m, ["n"] = null!,
            ["g"] = Guid.Parse("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
            ["t"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            ["u"] = new UntypedObject(new Dictionary<string, UntypedNode> { ["k"] = new UntypedArray([new UntypedInteger(1)]) }),
        };

        Assert.Equal(Kiota(data), Ours(data));
    }

    [Fact]
    public void AnEmptyKeyOrAValueItCannotMirrorDeclines()
    {
        Assert.Null(Ours(new Dictionary<string, object> { [""] = "x" }));
        Assert.Null(Ours(new Dictionary<string, object> { ["list"] = new List<int> { 1 } }));
    }

    [Fact]
    public void TheDiscriminatorPeekFindsTheTagWithoutMovingTheReaderAndReusesTheLastString()
    {
        InternedValue? slot = null;
        var json = Encoding.UTF8.GetBytes("""{"index":0,"type":"content_block_delta","delta":{}}""");
        var reader = new Utf8JsonReader(json);
        reader.Read();

        var first = JsonReaderSupport.PeekInternedString(reader, "type"u8, ref slot!);
        var again = JsonReaderSupport.PeekInternedString(reader, "type"u8, ref slot!);
        var other = Peek("""{"type":"message_stop"}""", ref slot);

        Assert.Equal("content_block_delta", first);
        Assert.Same(first, again);
        Assert.Equal(JsonTokenType.StartObject, reader.TokenType);
        Assert.Equal("message_stop", other);
        Assert.Null(Peek("""{"type":7}""", ref slot));
        Assert.Null(Peek("""{"index":0}""", ref slot));
        Assert.Null(Peek("""["type"]""", ref slot));
    }

    private static string? Peek(string json, ref InternedValue? slot)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return JsonReaderSupport.PeekInternedString(reader, "type"u8, ref slot!);
    }

    private static string? Interned(string json, ref InternedValue? slot)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return JsonReaderSupport.InternedString(ref reader, ref slot!);
    }

    private static string? Ours(IDictionary<string, object> data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (!JsonWriterSupport.TryWriteAdditional(writer, data)) return null;
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Kiota(IDictionary<string, object> data) =>
        GeneratedClientTests.Write(new Holder { AdditionalData = data });

    private sealed class Holder : IParsable, IAdditionalDataHolder
    {
        public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();
        public static Holder Create(IParseNode node) => new();
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>();
        public void Serialize(ISerializationWriter writer) => writer.WriteAdditionalData(AdditionalData);
    }
}
