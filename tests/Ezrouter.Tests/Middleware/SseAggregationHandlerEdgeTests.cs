using System.Text.Json.Nodes;
using Ezrouter.Http;
using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="SseAggregationHandler"/> alone over MockHttp: its own limits and clock when no scope is open outside it,
/// the request's surface over the URL's, the SSE body let go once read, and its shared option kept read-only.
/// </summary>
public sealed class SseAggregationHandlerEdgeTests
{
    private readonly MockHttpMessageHandler _mock = new();

    [Fact]
    public void NullBoundsAreRefusedByName()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new SseAggregationHandler(null, null, null, null!));

        Assert.Equal("bounds", error.ParamName);
    }

    [Fact]
    public async Task WithoutAScopeOutsideItTheHandlersOwnIdleLimitAndClockApply()
    {
        // Arrange: one chunk, then a stall; an idle limit of 7 s on a manual clock.
        var time = new ManualTimeProvider();
        var body = new OneChunkThenWaitStream("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n");
        _mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new("text/event-stream");
            return response;
        });
        using var invoker = HandlerChain.Invoker(_mock, new SseAggregationHandler(new EzrouterTimeouts { Idle = TimeSpan.FromSeconds(7) }, time));

        // Act
        var call = invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);
        await body.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(7));

        // Assert
        var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeSpan.FromSeconds(7), timeout.Limit);
    }

    [Fact]
    public async Task TheRequestsSurfaceDecidesHowItsAnswerIsReadNotTheUrl()
    {
        _mock.When("*").Respond(_ => TestClients.Sse(Payloads.AnthropicMessageSse));
        using var invoker = HandlerChain.Invoker(_mock, new SseAggregationHandler());
        var request = HandlerChain.ChatRequest().With(new SseAggregationOption { Surface = EzrouterSurface.Anthropic });

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal("message", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSseBodyIsLetGoOnceReadIntoOneAnswer()
    {
        TrackedContent? sse = null;
        _mock.When("*").Respond(_ =>
        {
            sse = new TrackedContent(Payloads.ChatSse);
            sse.Headers.ContentType = new("text/event-stream");
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = sse };
        });
        using var invoker = HandlerChain.Invoker(_mock, new SseAggregationHandler());

        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        Assert.True(sse!.Disposed);
        Assert.Null(response.Content.Headers.ContentLength); // not a length of 0, which a reader takes for no body
        Assert.Contains("Hello there!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheKeyOfTheScopeOpenedOutsideStillRedactsAnErrorInTheStream()
    {
        // The total-timeout handler outside knows the key; this aggregation handler was built without one.
        _mock.When("*").Respond(_ => TestClients.Sse($"data: {{\"error\":{{\"message\":\"invalid key {TestKeys.ApiKey}\",\"type\":\"upstream_error\"}}}}\n\n"));
        using var invoker = HandlerChain.Invoker(_mock, new TotalTimeoutHandler(new EzrouterTimeouts(), null, TestKeys.ApiKey), new SseAggregationHandler());

        var error = await Assert.ThrowsAnyAsync<EzrouterException>(() => invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None));

        Assert.Contains("invalid key", error.ToString());
        Assert.DoesNotContain(TestKeys.ApiKey, error.ToString());
    }

    [Fact]
    public void TheClientsSharedOptionRefusesChangesAndSaysWhatToDoInstead()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SseAggregationOption.RawStream.Enabled = true);

        Assert.Contains("cannot be changed; add a new one to the request instead", error.Message);
    }

    private sealed class TrackedContent(string text) : StringContent(text)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
