using System.IO.Compression;
using System.Net;
using System.Text;
using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="ContentEncodingHandler"/> alone over MockHttp: what it asks for, what it inflates, and what it refuses
/// (typed, the server's header cut short and marked, the answer let go).
/// </summary>
public sealed class ContentEncodingHandlerTests
{
    private const string Json = """{"id":"chatcmpl-1","choices":[]}""";
    private readonly MockHttpMessageHandler _mock = new();
    private HttpRequestMessage? _sent;

    private HttpMessageInvoker Invoker(DecompressionMethods allowed, Func<HttpResponseMessage> answer)
    {
        _mock.When("*").Respond(request =>
        {
            _sent = request;
            return answer();
        });
        return HandlerChain.Invoker(_mock, new ContentEncodingHandler(new EzrouterLimits { Decompression = allowed }, TestKeys.ApiKey));
    }

    private static Func<HttpResponseMessage> Encoded(byte[] body, params string[] encodings) => () =>
    {
        var content = new TrackedContent(body);
        content.Headers.ContentType = new("application/json");
        foreach (var encoding in encodings) content.Headers.ContentEncoding.Add(encoding);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    };

    private static byte[] Gzipped(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    [Fact]
    public void NullLimitsAreRefusedByName()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ContentEncodingHandler(null!, null));

        Assert.Equal("limits", error.ParamName);
    }

    [Fact]
    public async Task ACallersOwnAcceptEncodingIsLeftAsItIs()
    {
        using var invoker = Invoker(DecompressionMethods.All, Encoded(Encoding.UTF8.GetBytes(Json)));
        var request = HandlerChain.ChatRequest();
        request.Headers.AcceptEncoding.ParseAdd("identity");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal("identity", _sent!.Headers.AcceptEncoding.ToString());
    }

    [Fact]
    public async Task AGzipAnswerIsInflated()
    {
        using var invoker = Invoker(DecompressionMethods.GZip, Encoded(Gzipped(Json), "gzip"));

        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        Assert.Equal("gzip", _sent!.Headers.AcceptEncoding.ToString());
        Assert.Equal(Json, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IdentityIsNotAnEncodingToUndo()
    {
        using var invoker = Invoker(DecompressionMethods.None, Encoded(Encoding.UTF8.GetBytes(Json), "identity"));

        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        Assert.Equal(Json, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TwoEncodingsAreRefusedEvenWhenEachIsAllowedAndTheAnswerIsLetGo()
    {
        TrackedContent? content = null;
        using var invoker = Invoker(DecompressionMethods.All, () =>
        {
            var response = Encoded(Gzipped(Json), "gzip", "br")();
            content = (TrackedContent)response.Content;
            return response;
        });

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        var refused = Assert.IsType<EzrouterProtocolException>(error);
        Assert.Equal(200, refused.StatusCode);
        Assert.Contains("the response came with Content-Encoding: gzip, br, which the client did not ask for", refused.Message);
        Assert.True(content!.Disposed);
    }

    [Fact]
    public async Task AHostileEncodingHeaderIsCutShortAndMarkedCut()
    {
        using var invoker = Invoker(DecompressionMethods.None, Encoded(Encoding.UTF8.GetBytes(Json), "x-" + new string('z', 300)));

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.Contains("… [cut: 202 chars]", error.Message);
    }

    /// <summary>A body that says whether it was disposed.</summary>
    private sealed class TrackedContent(byte[] bytes) : ByteArrayContent(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
