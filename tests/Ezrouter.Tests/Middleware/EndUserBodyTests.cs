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
/// <see cref="EndUserBody"/> splices the end user into the body; whatever the body, the result means what setting the
/// field on the parsed tree means (the way every body took before), and an unchanged body stays unchanged.
/// </summary>
public sealed class EndUserBodyTests
{
    private static readonly Uri Chat = new("https://gw.example/v1/chat/completions");
    private static readonly Uri Messages = new("https://gw.example/anthropic/v1/messages");

    [Theory]
    [InlineData("chat", """{"model":"m"}""", """{"user":"u-1","model":"m"}""")]
    [InlineData("chat", """{}""", """{"user":"u-1"}""")]
    [InlineData("messages", """{"model":"c"}""", """{"metadata":{"user_id":"u-1"},"model":"c"}""")]
    [InlineData("messages", """{"metadata":{},"model":"c"}""", """{"metadata":{"user_id":"u-1"},"model":"c"}""")]
    [InlineData("messages", """{"model":"c","metadata":{"tag":"x"}}""", """{"model":"c","metadata":{"user_id":"u-1","tag":"x"}}""")]
    public void A_compact_body_gets_the_field_spliced_in_and_nothing_else_changes(string surface, string json, string expected)
    {
        var body = EndUserBody.With(Encoding.UTF8.GetBytes(json), surface == "chat" ? Chat : Messages, "u-1");

        Assert.Equal(expected, Encoding.UTF8.GetString(body!));
    }

    [Theory]
    [InlineData("chat", """{"user":"someone","model":"m"}""")]
    [InlineData("messages", """{"metadata":{"user_id":"someone"}}""")]
    public void A_body_that_names_its_own_end_user_is_left_alone(string surface, string json) =>
        Assert.Null(EndUserBody.With(Encoding.UTF8.GetBytes(json), surface == "chat" ? Chat : Messages, "u-1"));

    [Fact]
    public void The_end_user_is_escaped_as_the_writers_escape_strings()
    {
        var body = EndUserBody.With("""{"model":"m"}"""u8, Chat, "a\"b</script>é");

        Assert.Equal("""{"user":"a\u0022b\u003C/script\u003E\u00E9","model":"m"}""", Encoding.UTF8.GetString(body!));
    }

    [Theory]
    [InlineData(true, "{\"user\": null}")]
    [InlineData(true, "{\"user\":null }")]
    [InlineData(false, "{\"metadata\":{\"user_id\": null}}")]
    [InlineData(true, "{\"a\": {\"b\":1,\"user\":\"x\",\"c\": \"p,\"},\":1\":2}")]
    [InlineData(false, "{\"a\": {\"b\":1,\"metadata\":{\"z\":1},\"c\": \"p,\"},\":1\":2}")]
    public void A_body_with_spaces_before_values_means_what_the_tree_means(bool chat, string json)
    {
        var body = EndUserBody.With(Encoding.UTF8.GetBytes(json), chat ? Chat : Messages, "u-1");

        var expected = Oracle(json, chat, "u-1");
        Assert.Equal(expected is null, body is null);
        if (body is not null) Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)), Encoding.UTF8.GetString(body));
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed record Case(bool IsChat, string Json, string EndUser)
    {
        public override string ToString() => $"{(IsChat ? "chat" : "messages")} {Json} <- {EndUser}";
    }

    public static class Cases
    {
        public static Arbitrary<Case> All()
        {
            var text = Gen.Elements("x", "", "someone", "a\"b", "é 日本", "</script>", "line\nbreak", "back\\slash");
            var scalar = Gen.OneOf(Gen.Constant((JsonNode?)null), text.Select(t => (JsonNode?)JsonValue.Create(t)), Gen.Choose(0, 9).Select(i => (JsonNode?)JsonValue.Create(i)));
            var metadata = Gen.OneOf(scalar,
                Gen.Zip(Gen.Elements("user_id", "tag", "model"), scalar).ListOf().Select(p => (JsonNode?)Object(p)));
            var member = Gen.OneOf(
                Gen.Zip(Gen.Elements("user", "model", "messages", "stream"), scalar),
                Gen.Zip(Gen.Constant("metadata"), metadata));
            return (from members in member.ListOf()
                    from chat in Gen.Elements(true, false)
                    from style in Gen.Elements(0, 1, 2)
                    from endUser in text
                    select new Case(chat, Object(members).ToJsonString(style switch { 0 => null, 1 => Relaxed, _ => Indented }), endUser)).ToArbitrary();
        }

        private static JsonObject Object(IEnumerable<(string, JsonNode?)> members)
        {
            var o = new JsonObject();
            foreach (var (name, value) in members) o[name] = value?.DeepClone();
            return o;
        }
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(Cases)])]
    public void Means_what_setting_the_field_on_the_tree_means(Case c)
    {
        var json = Encoding.UTF8.GetBytes(c.Json);

        var body = EndUserBody.With(json, c.IsChat ? Chat : Messages, c.EndUser);

        var expected = Oracle(c.Json, c.IsChat, c.EndUser);
        Assert.Equal(expected is null, body is null);
        if (body is not null) Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)), Encoding.UTF8.GetString(body));
    }

    // The way every body took before the splice: parse, set where absent or null, write.
    private static JsonNode? Oracle(string json, bool chat, string endUser)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        if (chat)
        {
            if (root["user"] is not null) return null;
            root["user"] = endUser;
            return root;
        }
        var metadata = root["metadata"] as JsonObject;
        if (metadata?["user_id"] is not null) return null;
        if (metadata is null) root["metadata"] = metadata = new JsonObject();
        metadata["user_id"] = endUser;
        return root;
    }
}
