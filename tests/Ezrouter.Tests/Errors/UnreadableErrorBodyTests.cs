using System.Net;
using System.Text;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// Reading an error never throws: HTML pages, empty and cut-off bodies, mislabelled content and errors sent with
/// HTTP 200 all become a typed exception whose message says what arrived.
/// </summary>
public sealed class UnreadableErrorBodyTests
{
    private const string ProxyPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    [Fact]
    public async Task HtmlBadGatewayPageIsUpstreamUnavailable()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(502, ProxyPage, "text/html");

        // Assert
        Assert.IsType<EzrouterUpstreamUnavailableException>(error);
        Assert.Equal(ErrorTaxonomy.Unknown, error.Taxonomy);
        Assert.Null(error.ErrorType);
        Assert.Equal(ProxyPage, error.RawBody);
        Assert.Contains("HTML page", error.Message);
    }

    [Fact]
    public async Task HtmlPageWithoutContentTypeIsStillRecognised()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(503, "\n  " + ProxyPage, contentType: null);

        // Assert
        Assert.IsType<EzrouterUpstreamUnavailableException>(error);
        Assert.Contains("HTML page", error.Message);
    }

    [Fact]
    public async Task HtmlPageWithHttp200IsAProtocolError()
    {
        // Arrange: the gateway serves its web UI on unknown paths outside /v1 (docs/gateway-behavior.md §4).
        const string page = "<!doctype html><html><head><title>New API</title></head><body><div id=\"root\"></div></body></html>";

        // Act
        var error = await ErrorResponses.RaiseAsync(200, page, "text/html; charset=utf-8");

        // Assert
        Assert.IsType<EzrouterProtocolException>(error);
        Assert.Equal(200, error.StatusCode);
        Assert.Contains("HTML page", error.Message);
    }

    [Fact]
    public async Task EmptyBodyStillYieldsTheStatusType()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(401, "", contentType: null);

        // Assert
        Assert.IsType<EzrouterAuthenticationException>(error);
        Assert.Equal(ErrorTaxonomy.Unknown, error.Taxonomy);
        Assert.Equal("", error.RawBody);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public async Task TruncatedJsonYieldsATypedExceptionWithTheRawBody()
    {
        // Arrange
        const string cut = """{"error":{"message":"当前分组 default 下对于模型""";

        // Act
        var error = await ErrorResponses.RaiseAsync(503, cut);

        // Assert
        Assert.IsType<EzrouterUpstreamUnavailableException>(error);
        Assert.Equal(ErrorTaxonomy.Unknown, error.Taxonomy);
        Assert.Equal(cut, error.RawBody);
        Assert.Contains("not a JSON error envelope", error.Message);
    }

    [Fact]
    public async Task ConnectionDroppedWhileReadingTheErrorBodySaysSo()
    {
        // Arrange
        var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StreamContent(new FailingStream("""{"error":{"mess"""u8.ToArray())) };
        response.Content.Headers.ContentType = new("application/json");

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.IsType<EzrouterUpstreamUnavailableException>(error);
        Assert.Contains("cut off", error.Message);
        Assert.DoesNotContain("empty", error.Message);
    }

    [Fact]
    public async Task ErrorJsonLabelledEventStreamIsReadAsAnEnvelope()
    {
        // Arrange: stream requests get the SSE Content-Type before the upstream call (docs/gateway-behavior.md §5).
        const string body = """{"error":{"message":"do request failed (request id: r-sse)","type":"new_api_error","code":"do_request_failed"}}""";

        // Act
        var error = await ErrorResponses.RaiseAsync(500, body, "text/event-stream");

        // Assert
        Assert.IsType<EzrouterUpstreamUnavailableException>(error);
        Assert.Equal("do_request_failed", error.ErrorCode);
        Assert.Equal("r-sse", error.RequestId);
    }

    [Fact]
    public async Task ErrorEnvelopeWithHttp200IsRaised()
    {
        // Arrange: a non-stream upstream that answers 200 with an error is relayed with 200 (docs/gateway-behavior.md §4).
        const string body = """{"error":{"message":"Invalid 'messages': empty array.","type":"invalid_request_error","param":"messages","code":"empty_array"}}""";

        // Act
        var error = await ErrorResponses.RaiseAsync(200, body);

        // Assert
        Assert.IsType<EzrouterInvalidRequestException>(error);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("empty_array", error.ErrorCode);
        Assert.Equal("messages", error.Param);
        Assert.Equal(body, error.RawBody);
    }

    [Fact]
    public async Task ErrorEnvelopeWithHttp200HasAMessageAboutTheErrorOnly()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(200, """{"error":{"message":"quota exceeded","type":"insufficient_quota","code":"insufficient_quota"}}""");

        // Assert
        Assert.Equal("ezrouter returned HTTP 200 (insufficient_quota/insufficient_quota): quota exceeded", error.Message);
    }

    [Fact]
    public async Task ModelsListWithSuccessFalseIsAGatewayError()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(200, """{"success":false,"message":"获取模型列表失败"}""");

        // Assert
        Assert.Equal(ErrorTaxonomy.Gateway, error.Taxonomy);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("获取模型列表失败", error.GatewayMessage);
    }

    [Fact]
    public async Task SuccessfulJsonMentioningErrorPassesThrough()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"id":"c","object":"chat.completion","error":null,"choices":[{"index":0,"message":{"role":"assistant","content":"an \"error\" word"}}]}""");
        using var invoker = HandlerChain.Invoker(mock, new EzrouterErrorHandler());
        using var request = HandlerChain.ChatRequest();

        // Act
        using var response = await invoker.SendAsync(request, CancellationToken.None);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("an \\\"error\\\" word", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvalidUtf8InsideAnEnvelopeDoesNotEscape()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("""{"error":{"message":"bad X","type":"new_api_error","code":"do_request_failed"}}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        var response = new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new ByteArrayContent(bytes) };
        response.Content.Headers.ContentType = new("application/json");

        // Act
        var error = await ErrorResponses.RaiseAsync(response);

        // Assert
        Assert.Equal(500, error.StatusCode);
    }

    [Fact]
    public async Task JsonThatIsNotAnEnvelopeKeepsItsStatusType()
    {
        // Act
        var error = await ErrorResponses.RaiseAsync(413, """["not","an","envelope"]""");

        // Assert
        Assert.IsType<EzrouterRequestTooLargeException>(error);
        Assert.Equal(ErrorTaxonomy.Unknown, error.Taxonomy);
    }

    [Fact]
    public async Task OneMegabyteBodyIsBoundedOnTheException()
    {
        // Arrange
        var huge = "<html>" + new string('x', 1024 * 1024) + "</html>";

        // Act
        var error = await ErrorResponses.RaiseAsync(502, huge, "text/html");

        // Assert
        Assert.Equal(EzrouterException.MaxRawBodyLength, error.RawBody!.Length);
        Assert.StartsWith("<html>xxx", error.RawBody);
        Assert.True(error.Message.Length < 1024);
    }

    /// <summary>A body that yields some bytes, then fails as a dropped connection does.</summary>
    private sealed class FailingStream(byte[] first) : ForwardOnlyStream
    {
        private bool _sent;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent) throw new IOException("The response ended prematurely.");
            _sent = true;
            first.CopyTo(buffer, offset);
            return first.Length;
        }
    }
}
