using System.Text;
using Ezrouter.Testing.Recording;

namespace Ezrouter.Testing.Tests.Recording;

public sealed class SseFrameSplitterTests
{
    [Theory]
    [InlineData("data: a\n\ndata: b\n\n", new[] { "data: a\n\n", "data: b\n\n" })]
    [InlineData("event: x\ndata: a\n\n\nevent: y\ndata: b\n\n\n", new[] { "event: x\ndata: a\n\n\n", "event: y\ndata: b\n\n\n" })]
    [InlineData("data: a\r\n\r\ndata: b\r\n\r\n", new[] { "data: a\r\n\r\n", "data: b\r\n\r\n" })]
    [InlineData("data: a\n\n{\"error\":{}}", new[] { "data: a\n\n", "{\"error\":{}}" })]
    [InlineData(": PING\n\ndata: [DONE]\n\n", new[] { ": PING\n\n", "data: [DONE]\n\n" })]
    public void SplitsOnBlankLinesWhetherWholeOrTrickled(string stream, string[] expected)
    {
        Assert.Equal(expected, Split(stream, chunkSize: stream.Length));
        Assert.Equal(expected, Split(stream, chunkSize: 1));
        Assert.Equal(expected, Split(stream, chunkSize: 3));
    }

    private static List<string> Split(string stream, int chunkSize)
    {
        var splitter = new SseFrameSplitter();
        var frames = new List<StringBuilder>();
        var bytes = Encoding.UTF8.GetBytes(stream);
        for (var offset = 0; offset < bytes.Length; offset += chunkSize)
        {
            var (tail, completed) = splitter.Push(bytes.AsSpan(offset, Math.Min(chunkSize, bytes.Length - offset)));
            if (tail.Length > 0)
            {
                frames[^1].Append(Encoding.UTF8.GetString(tail));
            }

            frames.AddRange(completed.Select(f => new StringBuilder(Encoding.UTF8.GetString(f))));
        }

        if (splitter.Flush() is { } rest)
        {
            frames.Add(new StringBuilder(Encoding.UTF8.GetString(rest)));
        }

        return frames.Select(f => f.ToString()).ToList();
    }
}
