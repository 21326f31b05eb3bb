using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Http;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="EzrouterErrorHandler"/> on exchanges that produce no response at all.</summary>
public sealed class EzrouterErrorHandlerTests
{
    private readonly MockHttpMessageHandler _mock = new();

    [Fact]
    public async Task ConnectionFailureBecomesAConnectionException()
    {
        // Arrange: thrown synchronously (MockHttp 6 hangs on a responder's faulted task).
        _mock.When("*").Respond(_ => throw new HttpRequestException("Connection refused (www.ezrouter.dev:443)", new System.Net.Sockets.SocketException(111)));
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterErrorHandler(TestKeys.ApiKey));

        // Act
        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        // Assert
        var connection = Assert.IsType<EzrouterConnectionException>(error);
        Assert.Equal(0, connection.StatusCode);
        Assert.Equal(ErrorTaxonomy.Unknown, connection.Taxonomy);
        Assert.Contains("https://www.ezrouter.dev", connection.Message);
        Assert.IsType<HttpRequestException>(connection.InnerException);
    }

    [Fact]
    public async Task ConnectTimeoutBecomesATypedConnectTimeout()
    {
        // Arrange: SocketsHttpHandler reports its ConnectTimeout as a cancellation wrapping a TimeoutException.
        _mock.When("*").Respond(_ => throw new TaskCanceledException("The operation was canceled.", new TimeoutException("A connection could not be established within the configured ConnectTimeout.")));
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterErrorHandler(null, null, TimeSpan.FromSeconds(7)));

        // Act
        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Connect, timeout.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), timeout.Limit);
        Assert.Contains("within 7 s", timeout.Message);
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(null)]
    public async Task FactoryChainReportsTheConnectLimitOnlyWhenItKnowsIt(double? connectSeconds)
    {
        // Arrange: CreateHttpClient passes the limit of the transport it builds; CreateHandlers (a caller's own
        // HttpClient, its own transport) does not know one.
        _mock.When("*").Respond(_ => throw new TaskCanceledException("The operation was canceled.", new TimeoutException()));
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Retry = { MaxRetries = 0 } };
        var handlers = connectSeconds is { } seconds
            ? EzrouterClientFactory.CreateHandlers(options, null, TimeSpan.FromSeconds(seconds))
            : EzrouterClientFactory.CreateHandlers(options);
        using var invoker = HandlerChain.Invoker(_mock, [.. handlers]);

        // Act
        var error = await Record.ExceptionAsync(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Connect, timeout.Kind);
        Assert.Equal(TimeSpan.FromSeconds(connectSeconds ?? 0), timeout.Limit);
    }

    [Fact]
    public async Task ConnectTimeoutIsRetried()
    {
        // Arrange
        var attempts = 0;
        _mock.When("*").Respond(_ => Interlocked.Increment(ref attempts) == 1
            ? throw new TaskCanceledException("The operation was canceled.", new TimeoutException())
            : new HttpResponseMessage(HttpStatusCode.OK));
        var time = new ManualTimeProvider();
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterRetryHandler(null, time), new EzrouterErrorHandler());

        // Act
        using var response = await time.DriveAsync(invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task SuccessfulJsonPassesThroughReadable()
    {
        // Arrange
        _mock.When("*").Respond("application/json", """{"id":"chatcmpl-1","object":"chat.completion","choices":[]}""");
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterErrorHandler());

        // Act
        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        // Assert
        Assert.Equal("""{"id":"chatcmpl-1","object":"chat.completion","choices":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SuccessfulStreamIsNotBuffered()
    {
        // Arrange
        var gate = new TaskCompletionSource();
        _mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new GatedStream(gate.Task)) };
            response.Content.Headers.ContentType = new("text/event-stream");
            return response;
        });
        using var invoker = HandlerChain.Invoker(_mock, new EzrouterErrorHandler());

        // Act: the body never finishes until the gate opens, so returning at all proves no read-to-end.
        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        gate.SetResult();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A body whose reads wait for a gate, like a stream still being generated.</summary>
    private sealed class GatedStream(Task gate) : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await gate.WaitAsync(cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            gate.GetAwaiter().GetResult();
            return 0;
        }
    }
}
