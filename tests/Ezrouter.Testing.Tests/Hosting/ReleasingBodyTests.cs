using Ezrouter.Testing.Hosting;

namespace Ezrouter.Testing.Tests.Hosting;

/// <summary>The tier's slot is given back once, just before the write that completes the answer reaches the socket.</summary>
public sealed class ReleasingBodyTests
{
    [Fact]
    public async Task TheCallbackRunsOnceBeforeTheLastBytesArePassedOn()
    {
        using var inner = new MemoryStream();
        var seenAtRelease = new List<long>();
        await using var body = new ReleasingBody(inner, 10, () => seenAtRelease.Add(inner.Length));

        await body.WriteAsync("0123"u8.ToArray());
        body.Write("45"u8);
        await body.WriteAsync("6789"u8.ToArray());
        await body.WriteAsync("!"u8.ToArray());

        Assert.Equal([6L], seenAtRelease);
        Assert.Equal("0123456789!", System.Text.Encoding.UTF8.GetString(inner.ToArray()));
    }

    [Fact]
    public async Task AnEmptyWriteDoesNotCountAsTheEnd()
    {
        using var inner = new MemoryStream();
        var released = 0;
        await using var body = new ReleasingBody(inner, 2, () => released++);

        await body.WriteAsync(ReadOnlyMemory<byte>.Empty);
        await body.WriteAsync("a"u8.ToArray());
        Assert.Equal(0, released);
        await body.WriteAsync("b"u8.ToArray());

        Assert.Equal(1, released);
    }
}
