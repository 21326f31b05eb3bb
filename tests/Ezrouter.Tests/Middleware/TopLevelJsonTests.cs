using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ezrouter.Middleware;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="TopLevelJson"/> says what a JSON reader would say about a top-level property, or that it is unsure:
/// never a different value, never an exception, whatever the bytes.
/// </summary>
public sealed class TopLevelJsonTests
{
    [Theory]
    [InlineData("""{"model":"gpt"}""", "\"gpt\"")]
    [InlineData("""{"messages":[{"role":"user","content":"a \"model\": \"x\" {[\\"}],"model":"gpt"}""", "\"gpt\"")]
    [InlineData("""{"a":{"model":"inner"},"model":"outer","z":1}""", "\"outer\"")]
    [InlineData("""{"model":12.5e3,"n":true}""", "12.5e3")]
    [InlineData("""{"model":{"x":[1,{"y":"}"}]}}""", """{"x":[1,{"y":"}"}]}""")]
    [InlineData("""{"n":null,"model":"a\\\"b\u00e9"}""", "\"a\\\\\\\"b\\u00e9\"")]
    public void Finds_a_top_level_value_where_it_is(string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(TopLevelMatch.Found, TopLevelJson.Find(bytes, "model"u8, out var value));
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes[value]));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"messages":[{"model":"nested"}],"metadata":{"model":"x"}}""")]
    [InlineData("""{"models":"x","mode":"y","Model":"z"}""")]
    public void Says_absent_only_of_a_whole_object_without_it(string json) =>
        Assert.Equal(TopLevelMatch.Absent, TopLevelJson.Find(Encoding.UTF8.GetBytes(json), "model"u8, out _));

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{ "model":"x"}""")]
    [InlineData("""{"model" : "x"}""")]
    [InlineData("""{"model":"x"} """)]
    [InlineData("""{"model":"x","model":"y"}""")]
    [InlineData("""{"mod\u0065l":"x"}""")]
    [InlineData("""{"model":"x""")]
    [InlineData("""{"model":"x\"}""")]
    [InlineData("""{"a":[1,2}""")]
    [InlineData("""{"a":1""")]
    [InlineData("""{"a"}""")]
    [InlineData("""{"a":}""")]
    [InlineData("""{"a":1}x""")]
    [InlineData("{\"a\":\"\\")]
    [InlineData("{\"model\": \"a\\n,\",\":1\":2}")]
    [InlineData("{\"a\": \"q,\",\":{\":0,\"model\":\"a\\nb\",\"b\":\"},\",\":1\":2}")]
    [InlineData("{\"model\":nul l}")]
    public void Is_unsure_of_anything_else(string json) =>
        Assert.Equal(TopLevelMatch.Unsure, TopLevelJson.Find(Encoding.UTF8.GetBytes(json), "model"u8, out _));

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static class Bodies
    {
        private static Gen<JsonNode?> Value(int depth)
        {
            var text = Gen.Elements("", "model", "\"model\":\"x\"", "{[", "]}", "a\\b", "line\nbreak", "é 日本 🚀", "\\\"", ",", "\u0001");
            var scalar = Gen.OneOf(
                Gen.Constant((JsonNode?)null),
                Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
                Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i)),
                text.Select(s => (JsonNode?)JsonValue.Create(s)));
            if (depth == 0) return scalar;
            var inner = Gen.Sized(_ => Value(depth - 1));
            var array = inner.ListOf().Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
            var obj = Gen.Zip(Gen.Elements("model", "a", "messages", "mod\"el", "content"), inner).ListOf()
                .Select(pairs => (JsonNode?)Object(pairs.Select(p => (p.Item1, (JsonNode?)p.Item2))));
            return Gen.Frequency((3, scalar), (1, array), (1, obj));
        }

        private static JsonObject Object(IEnumerable<(string Name, JsonNode? Value)> pairs)
        {
            var o = new JsonObject();
            foreach (var (name, value) in pairs) o[name] = value?.DeepClone();
            return o;
        }

        /// <summary>A top-level object, written compact by the default encoder (as the writers write) or relaxed.</summary>
        public static Arbitrary<byte[]> Json() =>
            (from pairs in Gen.Zip(Gen.Elements("model", "messages", "user", "stream", "a"), Value(3)).ListOf()
             from relaxed in Gen.Elements(false, true)
             select Encoding.UTF8.GetBytes(Object(pairs.Select(p => (p.Item1, (JsonNode?)p.Item2))).ToJsonString(relaxed ? Relaxed : null))).ToArbitrary();
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Bodies)])]
    public void Agrees_with_a_reader_on_compact_bodies(byte[] json)
    {
        var expected = ReaderFind(json);
        var match = TopLevelJson.Find(json, "model"u8, out var value);

        Assert.NotEqual(TopLevelMatch.Unsure, match);
        Assert.Equal(expected is not null, match == TopLevelMatch.Found);
        if (expected is not null) Assert.Equal(expected, json[value]);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Bodies)])]
    public void Never_throws_nor_disagrees_on_a_cut_or_altered_body(byte[] json, int cut, byte replacement)
    {
        var bytes = json.ToArray();
        if (bytes.Length > 0 && cut % 2 == 0) bytes[Math.Abs(cut) % bytes.Length] = replacement;
        else bytes = bytes[..(bytes.Length == 0 ? 0 : Math.Abs(cut) % bytes.Length)];

        var match = TopLevelJson.Find(bytes, "model"u8, out var value);

        // Whatever it says of bytes a reader accepts, the reader says too.
        if (match == TopLevelMatch.Unsure || !IsJson(bytes)) return;
        var expected = ReaderFind(bytes);
        Assert.Equal(expected is not null, match == TopLevelMatch.Found);
        if (expected is not null) Assert.Equal(expected, bytes[value]);
    }

    [Fact]
    public void Agrees_with_a_reader_or_is_unsure_when_values_follow_a_space()
    {
        // Members built from pieces that look like structure inside strings, some values after a space: a value that
        // starts with a space once passed for a literal, and a comma inside the string that followed for its end.
        var random = new Random(24);
        string[] values = ["\"model\"", "\",\"", "\"}\"", "\"{\"", "\":1\"", "\":{\"", "\"]\"", "\"\\\"\"", "\"x\\\\\"", "1", "-2.5e3", "null", "true", "[]", "{}", "[\"model\"]", "{\"model\":1}"];
        string[] keys = ["model", "a", ",", "}", "{", ":1", ":{", "]"];
        for (var n = 0; n < 50_000; n++)
        {
            var text = new StringBuilder("{");
            for (var m = random.Next(0, 6); m > 0; m--)
            {
                if (text.Length > 1) text.Append(',');
                text.Append(JsonSerializer.Serialize(keys[random.Next(keys.Length)], Relaxed)).Append(':');
                if (random.Next(3) == 0) text.Append(' ');
                text.Append(values[random.Next(values.Length)]);
            }
            var json = Encoding.UTF8.GetBytes(text.Append('}').ToString());

            var match = TopLevelJson.Find(json, "model"u8, out var value);

            if (match == TopLevelMatch.Unsure) continue;
            using var document = JsonDocument.Parse(json);
            var models = document.RootElement.EnumerateObject().Where(p => p.Name == "model").ToList();
            Assert.True(match == TopLevelMatch.Absent ? models.Count == 0 : models.Count == 1 && models[0].Value.GetRawText() == Encoding.UTF8.GetString(json[value]), text.ToString());
        }
    }

    // The raw bytes of the top-level "model" value as a reader finds them, or null.
    private static byte[]? ReaderFind(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals("model"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (match) return json[start..(int)(reader.BytesConsumed)];
        }
        return null;
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
