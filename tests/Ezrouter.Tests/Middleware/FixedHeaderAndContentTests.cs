using System.Net;
using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="FixedUserAgentHandler"/> replaces any User-Agent the request had; <see cref="LeasedContent"/> lets go
/// of the body and its slot together; an <see cref="InflatedContent"/> stream, disposed, lets go of the compressed one.
/// </summary>
public sealed class FixedHeaderAndContentTests
{
    [Fact]
    public async Task TheFixedUserAgentReplacesTheOneTheRequestHad()
    {
        var mock = new MockHttpMessageHandler();
        string? sent = null;
        mock.When("*").Respond(request =>
        {
            sent = string.Join(" | ", request.Headers.GetValues("User-Agent"));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var invoker = HandlerChain.Invoker(mock, new FixedUserAgentHandler("EzAI-Client/1.0"));
        var request = HandlerChain.ChatRequest();
        request.Headers.UserAgent.ParseAdd("kiota-dotnet/1.0");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal("EzAI-Client/1.0", sent);
    }

    [Fact]
    public void DisposingLeasedContentDisposesTheBodyAndGivesTheSlotBack()
    {
        var body = new TrackedContent();
        var lease = new TrackedLease();
        var content = new LeasedContent(body, lease);

        content.Dispose();

        Assert.True(body.Disposed);
        Assert.Equal(1, lease.Disposals);
    }

    [Fact]
    public async Task ALeasedBodyBufferedThenDisposedCannotBeReadAgain()
    {
        var content = new LeasedContent(new TrackedContent(), new TrackedLease());
        await content.LoadIntoBufferAsync();

        content.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DisposingAnInflatedBodyStreamDisposesTheCompressedOne()
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest)) gzip.Write("{}"u8);
        var wire = new TrackedStream(output.ToArray());
        using var content = new InflatedContent(new StreamContent(wire), DecompressionMethods.GZip, 1024,
            (summary, e) => new EzrouterProtocolException(new EzrouterErrorDetails { Summary = summary }, e));

        var inflated = await content.ReadAsStreamAsync();
        Assert.Equal((byte)'{', inflated.ReadByte());
        inflated.Dispose();

        Assert.True(wire.Disposed);
    }

    [Fact]
    public async Task AnInflatedBodyBufferedThenDisposedCannotBeReadAgain()
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest)) gzip.Write("{}"u8);
        var content = new InflatedContent(new ByteArrayContent(output.ToArray()), DecompressionMethods.GZip, 1024,
            (summary, e) => new EzrouterProtocolException(new EzrouterErrorDetails { Summary = summary }, e));
        Assert.Equal("{}", await content.ReadAsStringAsync());

        content.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => content.ReadAsByteArrayAsync());
    }

    private sealed class TrackedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class TrackedContent() : ByteArrayContent([1, 2, 3])
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class TrackedLease : IDisposable
    {
        public int Disposals { get; private set; }

        public void Dispose() => Disposals++;
    }
}
