using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Tests.Security;

/// <summary>
/// A transport the caller gives never carries the key to another host: redirects are turned off on it (a platform
/// handler follows them by default, and keeps <c>x-api-key</c> on the way), so a 3xx becomes an error and the other
/// host sees nothing. Real sockets: the origin on 127.0.0.1 redirects to a second server named <c>localhost</c>.
/// </summary>
public sealed class CallerTransportRedirectTests
{
    public static readonly TheoryData<string, int> Cases = All();

    private static TheoryData<string, int> All()
    {
        var data = new TheoryData<string, int>();
        foreach (var call in new[] { "chat", "messages" })
            foreach (var status in new[] { 301, 302, 303, 307, 308 })
                data.Add(call, status);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ARedirectOnACallersSocketsHandlerIsNotFollowed(string call, int status)
    {
        // Arrange
        await using var target = await TargetAsync();
        await using var origin = await RedirectingTo(new Uri($"http://localhost:{target.BaseUrl.Port}/"), status);
        using var transport = new SocketsHttpHandler();
        using var client = Client(origin, transport);

        // Act
        var error = await Record.ExceptionAsync(() => CallAsync(client, call));

        // Assert
        Assert.Equal(status, Assert.IsAssignableFrom<EzrouterException>(error).StatusCode);
        Assert.Single(origin.Requests);
        Assert.DoesNotContain(target.Requests, r => r.Header("x-api-key") is not null || r.Header("Authorization") is not null);
        Assert.Empty(target.Requests);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("messages")]
    public async Task ARedirectBehindTheCallersOwnHandlersIsNotFollowed(string call)
    {
        // Arrange: the platform handler sits at the end of the caller's chain of delegating handlers.
        await using var target = await TargetAsync();
        await using var origin = await RedirectingTo(new Uri($"http://localhost:{target.BaseUrl.Port}/"), 307);
        using var inner = new HttpClientHandler();
        using var transport = new PassThrough { InnerHandler = new PassThrough { InnerHandler = inner } };
        using var client = Client(origin, transport);

        // Act
        var error = await Record.ExceptionAsync(() => CallAsync(client, call));

        // Assert
        Assert.Equal(307, Assert.IsAssignableFrom<EzrouterException>(error).StatusCode);
        Assert.False(inner.AllowAutoRedirect);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task ACallersHandlerThatAlreadySentRequestsAndFollowsRedirectsIsRefused()
    {
        // Arrange: once a handler has sent a request, the platform no longer lets anyone change it.
        await using var target = await TargetAsync();
        using var transport = new SocketsHttpHandler();
        using (var invoker = new HttpMessageInvoker(transport, disposeHandler: false))
        using (var request = new HttpRequestMessage(HttpMethod.Get, target.BaseUrl))
            (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        // Act
        var error = Record.Exception(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = transport }));

        // Assert
        var refused = Assert.IsType<ArgumentException>(error);
        Assert.Contains("ends in a SocketsHttpHandler that follows redirects (AllowAutoRedirect = true) and has already sent requests, " +
            "so it can no longer be changed; a redirect would carry the API key to another host.", refused.Message);
        Assert.Contains("AllowAutoRedirect = false", refused.Message);
        Assert.Equal("Transport", refused.ParamName);
    }

    [Fact]
    public async Task ATransportChainThatLoopsBackOnItselfDoesNotHangTheClientsConstruction()
    {
        // Arrange
        var first = new PassThrough();
        var second = new PassThrough { InnerHandler = first };
        first.InnerHandler = second;

        // Act
        var built = Task.Run(() => new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = first }));

        // Assert
        using var client = await built.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(client);
    }

    [Fact]
    public void ACallersHandlerWithRedirectsOffIsAcceptedEvenAfterUse()
    {
        // Arrange
        using var transport = new SocketsHttpHandler { AllowAutoRedirect = false };

        // Act
        using var first = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = transport });
        using var second = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = transport });

        // Assert
        Assert.False(transport.AllowAutoRedirect);
    }

    [Fact]
    public async Task AnAnswerFromAnotherHostThanTheRequestWasSentToIsRefused()
    {
        // Arrange: a handler of a kind the SDK cannot configure, which follows a redirect on its own.
        using var transport = new FollowsToElsewhere();
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = transport };
        options.Retry.MaxRetries = 0;
        using var client = new EzrouterClient(options);

        // Act
        var error = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        // Assert
        var refused = Assert.IsType<EzrouterProtocolException>(error);
        Assert.Contains("https://elsewhere.example", refused.Message);
        Assert.True(transport.AnswerDisposed, "the other host's answer was not disposed (its connection stays held)");
    }

    private static EzrouterClient Client(LoopbackServer origin, HttpMessageHandler transport)
    {
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, BaseUrl = origin.BaseUrl, Transport = transport };
        options.Retry.MaxRetries = 0;
        return new EzrouterClient(options);
    }

    private static Task CallAsync(EzrouterClient client, string call) => call == "chat"
        ? client.Chat.CompleteAsync(ChatCompletionTests.Request())
        : client.Messages.CreateAsync(MessageStreamingTests.Request());

    private static Task<LoopbackServer> TargetAsync() => LoopbackServer.StartAsync(context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{}");
    });

    private static Task<LoopbackServer> RedirectingTo(Uri target, int status) => LoopbackServer.StartAsync((context, request) =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = new Uri(target, request.Path.TrimStart('/')).ToString();
        return Task.CompletedTask;
    });

    private sealed class PassThrough : DelegatingHandler;

    private sealed class FollowsToElsewhere : HttpMessageHandler
    {
        private readonly DisposeRecordingStream _answer = new("{}"u8.ToArray());

        public bool AnswerDisposed => _answer.Disposed;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // What a redirecting handler does: the same request, sent on to the Location.
            request.RequestUri = new Uri("https://elsewhere.example/v1/chat/completions");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(_answer) });
        }
    }

    private sealed class DisposeRecordingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
