using System.Net;
using System.Text;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="AdaptiveConcurrencyHandler"/> on its own, over a stub transport: when a request gives its slot back
/// (body disposed, failure, an answer already read whole), what each outcome teaches the limit, and that the body a
/// slot rides on reads exactly as the transport's.
/// </summary>
public sealed class AdaptiveConcurrencyHandlerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly AdaptiveConcurrencyLimiter _limiter;

    public AdaptiveConcurrencyHandlerTests() =>
        _limiter = new(new EzrouterConcurrencyOptions { MaxConcurrentRequests = 8, MinConcurrentRequests = 1, TargetTimeToFirstByte = TimeSpan.FromSeconds(2), DecreaseFactor = 0.5 }, _time);

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    private sealed class Bytes(byte[] bytes) : ForwardOnlyStream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    }

    private HttpMessageInvoker Invoker(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new AdaptiveConcurrencyHandler(_limiter) { InnerHandler = new Stub(answer) });

    private static HttpRequestMessage Request() => new(HttpMethod.Post, "https://gateway.test/v1/chat/completions");

    private static HttpResponseMessage Answer(string body, TimeSpan? timeToFirstByte, HttpRequestMessage request)
    {
        if (timeToFirstByte is { } ttfb) request.Options.Set(ResponseMetadataHandler.TimeToFirstByteKey, ttfb);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new("application/json");
        content.Headers.TryAddWithoutValidation("X-Body", "1");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    [Fact]
    public void ALimiterIsRequired() => Assert.Throws<ArgumentNullException>(() => new AdaptiveConcurrencyHandler(null!));

    [Fact]
    public async Task ABodyHoldsItsSlotUntilDisposedAndReadsAsTheTransportsBody()
    {
        using var invoker = Invoker(r => Answer("""{"ok":true}""", TimeSpan.FromMilliseconds(100), r));

        var response = await invoker.SendAsync(Request(), CancellationToken.None);

        Assert.Equal(1, _limiter.InFlight);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["1"], response.Content.Headers.GetValues("X-Body"));
        Assert.Equal(11, response.Content.Headers.ContentLength);
        await using (var stream = await response.Content.ReadAsStreamAsync())
            Assert.Equal("""{"ok":true}""", await new StreamReader(stream).ReadToEndAsync());
        Assert.Equal(1, _limiter.InFlight);
        response.Dispose();
        Assert.Equal(0, _limiter.InFlight);
    }

    [Fact]
    public async Task ABufferedOrCopiedBodyReadsAsTheTransportsBody()
    {
        using var invoker = Invoker(r => Answer("""{"copied":1}""", null, r));

        using var buffered = await invoker.SendAsync(Request(), CancellationToken.None);
        using var copied = await invoker.SendAsync(Request(), CancellationToken.None);
        var target = new MemoryStream();
        await copied.Content.CopyToAsync(target, CancellationToken.None);

        Assert.Equal("""{"copied":1}""", await buffered.Content.ReadAsStringAsync());
        Assert.Equal("""{"copied":1}""", Encoding.UTF8.GetString(target.ToArray()));
    }

    [Fact]
    public async Task ABodyOfUnknownLengthStaysUnknown()
    {
        using var invoker = Invoker(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new Bytes([1, 2, 3])) });

        using var response = await invoker.SendAsync(Request(), CancellationToken.None);

        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal([1, 2, 3], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ASlowFirstByteOnAnAnswerShrinksTheLimit()
    {
        using var slow = Invoker(r => Answer("{}", TimeSpan.FromSeconds(5), r));
        (await slow.SendAsync(Request(), CancellationToken.None)).Dispose();
        Assert.Equal(4, _limiter.Limit);
    }

    [Fact]
    public async Task AFirstByteTimeLeftOnTheRequestByAnEarlierAttemptIsNotCountedAgain()
    {
        using var invoker = Invoker(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });
        var request = Request();
        request.Options.Set(ResponseMetadataHandler.TimeToFirstByteKey, TimeSpan.FromSeconds(30));

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.Equal(8, _limiter.Limit);
    }

    [Fact]
    public async Task AFailedSendGivesItsSlotBackAndStillTeachesTheLimit()
    {
        using var invoker = Invoker(r =>
        {
            r.Options.Set(ResponseMetadataHandler.TimeToFirstByteKey, TimeSpan.FromSeconds(5));
            throw new HttpRequestException("connection reset");
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        Assert.Equal(0, _limiter.InFlight);
        Assert.Equal(4, _limiter.Limit);
    }

    [Fact]
    public async Task AFirstByteTimeoutTeachesTheLimitItsLimitAsTheTimeToFirstByte()
    {
        using var invoker = Invoker(_ => throw new EzrouterTimeoutException(TimeoutKind.FirstByte, TimeSpan.FromSeconds(10), new EzrouterErrorDetails()));

        await Assert.ThrowsAsync<EzrouterTimeoutException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        Assert.Equal(0, _limiter.InFlight);
        Assert.Equal(4, _limiter.Limit);
    }

    [Fact]
    public async Task AnotherTimeoutTeachesTheLimitNothingItDidNotMeasure()
    {
        using var invoker = Invoker(_ => throw new EzrouterTimeoutException(TimeoutKind.Total, TimeSpan.FromSeconds(10), new EzrouterErrorDetails()));

        await Assert.ThrowsAsync<EzrouterTimeoutException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        Assert.Equal(0, _limiter.InFlight);
        Assert.Equal(8, _limiter.Limit);
    }

    [Fact]
    public async Task AnAnswerReadWholeInsideGivesItsSlotBackAtOnceAndReachesTheCallerAsItIs()
    {
        var model = new CreateChatCompletionResponse { Id = "whole" };
        using var invoker = Invoker(r =>
        {
            r.Options.Set(ResponseMetadataHandler.TimeToFirstByteKey, TimeSpan.FromSeconds(5));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new AggregatedContent(model) };
        });

        using var response = await invoker.SendAsync(Request(), CancellationToken.None);

        Assert.Equal(0, _limiter.InFlight);
        Assert.Same(model, Assert.IsType<AggregatedContent>(response.Content).Model);
        Assert.Equal(4, _limiter.Limit);
    }
}
