using System.Net;
using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="EzrouterRetryHandler"/> at its edges: a profile's own backoff statuses, a caller's options changed while
/// its call runs, a one-shot body sent the way a transport sends it (copied, not buffered by the reader), and a wait
/// that ends exactly at <see cref="EzrouterRetryOptions.MaxTotalTime"/>.
/// </summary>
public sealed class EzrouterRetryHandlerEdgeTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();
    private readonly List<string> _bodies = [];

    private int Attempts { get { lock (_bodies) return _bodies.Count; } }

    /// <summary>Answers attempt n with <paramref name="answers"/>[n] (the last one repeats); reads the body as a transport does.</summary>
    private HttpMessageInvoker Invoker(EzrouterRetryHandler handler, params Func<HttpResponseMessage>[] answers)
    {
        _mock.When("*").Respond(request =>
        {
            var copy = new MemoryStream();
            request.Content?.CopyTo(copy, null, CancellationToken.None);
            int attempt;
            lock (_bodies)
            {
                attempt = _bodies.Count;
                _bodies.Add(System.Text.Encoding.UTF8.GetString(copy.ToArray()));
            }
            return answers[Math.Min(attempt, answers.Length - 1)]();
        });
        return HandlerChain.Invoker(_mock, handler, new EzrouterErrorHandler());
    }

    private static Func<HttpResponseMessage> Status(int status, string? retryAfter = null) => () =>
    {
        var response = ErrorResponses.Response(status, "");
        if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    };

    private static Func<HttpResponseMessage> Success() => () => ErrorResponses.Response(200, """{"id":"chatcmpl-1","choices":[]}""");

    [Fact]
    public async Task AProfilesOwnBackoffStatusesAreRetried()
    {
        using var invoker = Invoker(new EzrouterRetryHandler(null, _time, new HashSet<int> { 418 }), Status(418), Success());

        using var response = await _time.DriveAsync(invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None), Step);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Attempts);
    }

    [Fact]
    public async Task ACallKeepsTheOptionsItStartedWithWhenTheCallerChangesThemMeanwhile()
    {
        // Arrange: the request's own options; the caller turns retries off for later calls while this one waits.
        var own = new EzrouterRetryOptions { MaxRetries = 3 };
        own.OnRetryWait = _ => own.ShouldRetry = (_, _) => false;
        using var invoker = Invoker(new EzrouterRetryHandler(null, _time), Status(503), Status(503), Success());

        // Act
        using var response = await _time.DriveAsync(invoker.SendAsync(HandlerChain.ChatRequest().With(own), CancellationToken.None), Step);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Attempts);
    }

    [Fact]
    public async Task AOneShotBodyIsSentWholeOnEveryAttempt()
    {
        const string json = """{"model":"gpt-5.2","messages":[{"role":"user","content":"hi"}]}""";
        using var invoker = Invoker(new EzrouterRetryHandler(null, _time), Status(502), Success());
        var request = new HttpRequestMessage(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions")
        {
            Content = new StreamContent(new UnseekableStream(System.Text.Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new("application/json");

        using var response = await _time.DriveAsync(invoker.SendAsync(request, CancellationToken.None), Step);

        Assert.Equal([json, json], _bodies);
    }

    [Fact]
    public async Task AWaitEndingExactlyAtMaxTotalTimeIsStillTaken()
    {
        var options = new EzrouterRetryOptions { MaxRetries = 2, MaxTotalTime = TimeSpan.FromSeconds(3) };
        using var invoker = Invoker(new EzrouterRetryHandler(options, _time), Status(503, retryAfter: "3"), Success());

        using var response = await _time.DriveAsync(invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None), Step);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Attempts);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
