using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Http;

/// <summary>
/// With <c>new EzrouterClient(httpClient, options)</c> the caller's HttpClient sends each attempt: it gets the request
/// as the SDK built it, a redirect it followed is refused (and its answer let go), and a cancellation of its own that is
/// not its timeout is not reported as one.
/// </summary>
public sealed class CallerHttpClientTransportTests
{
    private const string Key = "sk-caller-transport-000000000000000";

    private static EzrouterClient Over(HttpMessageHandler handler)
    {
        var http = new HttpClient(handler);
        return new EzrouterClient(http, new EzrouterClientOptions { ApiKey = Key, Retry = new EzrouterRetryOptions { MaxRetries = 0 } });
    }

    [Fact]
    public async Task TheCallersHttpClientSendsTheRequestWithTheSdksHeaders()
    {
        // Arrange
        var handler = new Answering(request => TestClients.Json(Payloads.ChatCompletionJson));
        using var client = Over(handler);

        // Act
        await client.Chat.CompleteAsync(ChatCompletionTests.Request());

        // Assert
        var sent = Assert.Single(handler.Seen);
        Assert.Equal("Bearer " + Key, sent.Authorization);
        Assert.Contains("ezrouter-dotnet", sent.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerTheCallersHttpClientFetchedFromAnotherHostIsRefusedAndLetGo()
    {
        // Arrange: the caller's handler followed a redirect on its own.
        var answer = new DisposeRecordingStream("{}"u8.ToArray());
        using var client = Over(new Answering(request =>
        {
            request.RequestUri = new Uri("https://elsewhere.example/v1/chat/completions");
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(answer) };
        }));

        // Act
        var error = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        // Assert
        var refused = Assert.IsType<EzrouterProtocolException>(error);
        Assert.Contains("the caller's HttpClient followed a redirect to https://elsewhere.example; turn redirects off on its handler", refused.Message, StringComparison.Ordinal);
        Assert.True(answer.Disposed, "the other host's answer was not disposed (its connection stays held)");
    }

    [Fact]
    public async Task ACancellationInsideTheCallersHttpClientThatIsNotItsTimeoutIsNoFirstByteTimeout()
    {
        // Arrange: the caller's handler gives up on its own, with no TimeoutException inside.
        using var client = Over(new Answering(_ => throw new OperationCanceledException("the caller's handler gave up")));

        // Act
        var error = await Record.ExceptionAsync(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        // Assert: the caller's client had no timeout run out, so no limit of its is named.
        Assert.NotNull(error);
        Assert.False(error is EzrouterTimeoutException, $"reported as {error}");
    }

    private sealed record Sent(string? Authorization, string UserAgent);

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<Sent> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(new Sent(request.Headers.Authorization?.ToString(), request.Headers.UserAgent.ToString()));
            return Task.FromResult(answer(request));
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
