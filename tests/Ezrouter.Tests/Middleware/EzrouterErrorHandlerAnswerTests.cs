using System.Net;
using System.Text;
using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="EzrouterErrorHandler"/> on the edges of an answer: the status range it lets through, what a 3xx says
/// about where it pointed, the connection it lets go of whenever it raises, and the exceptions it leaves alone.
/// </summary>
public sealed class EzrouterErrorHandlerAnswerTests
{
    private readonly MockHttpMessageHandler _mock = new();

    private HttpMessageInvoker Answering(Func<HttpResponseMessage> answer)
    {
        _mock.When("*").Respond(_ => answer());
        return HandlerChain.Invoker(_mock, new EzrouterErrorHandler(TestKeys.ApiKey));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, TrackedContent content)
    {
        content.Headers.ContentType = new("application/json");
        return new HttpResponseMessage(status) { Content = content };
    }

    [Fact]
    public async Task Status299IsASuccess()
    {
        using var invoker = Answering(() => ErrorResponses.Response(299, """{"id":"x"}"""));

        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        Assert.Equal(299, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(300, "https://other.example:8443/v1/chat/completions", "redirected to other.example:8443")]
    [InlineData(308, "/v2/chat/completions", "redirected to a path on the same host")]
    [InlineData(301, null, "redirected to nowhere (no Location header)")]
    public async Task ARedirectSaysWhereItPointed(int status, string? location, string expected)
    {
        var answer = ErrorResponses.Response(status, "", contentType: null);
        if (location is not null) answer.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);

        var error = await ErrorResponses.RaiseAsync(answer);

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A400IsNotDescribedAsARedirect()
    {
        var answer = ErrorResponses.Response(400, "", contentType: null);
        answer.Headers.Location = new Uri("https://other.example/");

        var error = await ErrorResponses.RaiseAsync(answer);

        Assert.Equal(400, error.StatusCode);
        Assert.DoesNotContain("redirect", error.Message);
    }

    [Fact]
    public async Task ATransportFailureWithoutTheKeyIsKeptAsTheCauseItself()
    {
        var failure = new HttpRequestException("Connection refused (www.ezrouter.dev:443)");
        _mock.When("*").Respond(_ => throw failure);
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterErrorHandler(TestKeys.ApiKey));

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.Same(failure, Assert.IsType<EzrouterConnectionException>(error).InnerException);
    }

    [Fact]
    public async Task ACancellationThatIsNotAConnectTimeoutPassesThroughUntouched()
    {
        // Another handler's limit (not the caller's token, no TimeoutException inside) is that handler's to report.
        _mock.When("*").Respond(_ => throw new TaskCanceledException("The operation was canceled."));
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterErrorHandler(TestKeys.ApiKey));

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.IsType<TaskCanceledException>(error);
    }

    [Fact]
    public async Task ABodyCutOffMidwayIsAConnectionErrorAndTheAnswerIsLetGo()
    {
        var content = new TrackedContent(new IOException("Unable to read data from the transport connection."));
        using var invoker = Answering(() => Json(HttpStatusCode.OK, content));

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        var connection = Assert.IsType<EzrouterConnectionException>(error);
        Assert.Contains("the connection dropped while the answer was read: Unable to read data", connection.Message);
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task ACancellationMidBodyIsRethrownAndTheAnswerIsLetGo()
    {
        var content = new TrackedContent(new OperationCanceledException("cancelled mid-body"));
        using var invoker = Answering(() => Json(HttpStatusCode.OK, content));

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.IsType<OperationCanceledException>(error);
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task AnErrorEnvelopeWithHttp200IsRaisedAndTheAnswerIsLetGo()
    {
        var content = new TrackedContent("""{"error":{"message":"upstream failed","type":"upstream_error"}}""");
        using var invoker = Answering(() => Json(HttpStatusCode.OK, content));

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.Contains("upstream failed", Assert.IsAssignableFrom<EzrouterException>(error).Message);
        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task AJsonAnswerLongerThanTheBoundIsRefusedAndLetGo()
    {
        var content = new TrackedContent("{}");
        content.Headers.ContentLength = 1L << 40;
        using var invoker = Answering(() => Json(HttpStatusCode.OK, content));

        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.Contains("the JSON answer is longer than", Assert.IsType<EzrouterProtocolException>(error).Message);
        Assert.True(content.Disposed);
    }

    /// <summary>A body that is either some bytes or a read that fails, and that says whether it was disposed.</summary>
    private sealed class TrackedContent : HttpContent
    {
        private readonly byte[] _bytes = [];
        private readonly Exception? _failure;

        public TrackedContent(string text) => _bytes = Encoding.UTF8.GetBytes(text);

        public TrackedContent(Exception failure) => _failure = failure;

        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _failure is null ? stream.WriteAsync(_bytes).AsTask() : Task.FromException(_failure);

        protected override Task<Stream> CreateContentReadStreamAsync() =>
            Task.FromResult<Stream>(_failure is null ? new MemoryStream(_bytes) : new FailingStream(_failure));

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return _failure is null;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class FailingStream(Exception failure) : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw failure;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(failure);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException<int>(failure);
    }
}
