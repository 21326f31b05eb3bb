using System.Text;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// <see cref="JsonLocation.PathAt"/>: the field an error message names, for the value that starts at a byte offset.
/// Stream errors go through it (a wrong-typed field), but nothing pinned its paths one by one.
/// </summary>
public sealed class JsonLocationTests
{
    // The path of the value that starts at the first occurrence of <paramref name="marker"/>.
    private static string? PathOf(string json, string marker)
    {
        var offset = Encoding.UTF8.GetByteCount(json[..json.IndexOf(marker, StringComparison.Ordinal)]);
        return JsonLocation.PathAt(Encoding.UTF8.GetBytes(json), offset);
    }

    [Theory]
    [InlineData("""{"created":"x"}""", "\"x\"", "created")]
    [InlineData("""{"choices":[{"delta":{"content":7}}]}""", "7", "choices[0].delta.content")]
    [InlineData("""{"a":[1,2,"three"]}""", "\"three\"", "a[2]")]
    [InlineData("""{"a":[{"x":1},{"x":"two"}]}""", "\"two\"", "a[1].x")]
    [InlineData("""{"a":[[1],[2,"y"]]}""", "\"y\"", "a[1][1]")]
    [InlineData("""{"a":{"x":1},"b":"late"}""", "\"late\"", "b")]
    [InlineData("""{"a":{"x":{"y":1}},"b":{"c":"deep"}}""", "\"deep\"", "b.c")]
    [InlineData("""{"a":1,"b":[true,null,"n"]}""", "\"n\"", "b[2]")]
    [InlineData("""{"é":{"ü":"v"}}""", "\"v\"", "é.ü")]
    public void NamesTheFieldAtTheOffset(string json, string marker, string expected) =>
        Assert.Equal(expected, PathOf(json, marker));

    [Fact]
    public void TheRootIsTheEvent() => Assert.Equal("the event", JsonLocation.PathAt("[1,2]"u8, 0));

    [Fact]
    public void AnOffsetPastAScalarDocumentHasNoPath() => Assert.Null(JsonLocation.PathAt("42"u8, 10));

    [Fact]
    public void ADocumentBrokenBeforeTheOffsetHasNoPath() => Assert.Null(JsonLocation.PathAt("{\"a\":tru, \"b\":1}"u8, 14));
}
