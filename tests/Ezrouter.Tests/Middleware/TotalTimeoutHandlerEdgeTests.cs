using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// <see cref="TotalTimeoutHandler"/>: its arguments by name, a request's own limits and response info in the scope it
/// opens, and the limit named in the timeout's text.
/// </summary>
public sealed class TotalTimeoutHandlerEdgeTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();

    [Fact]
    public void NullArgumentsAreRefusedByName()
    {
        Assert.Equal("limits", Assert.Throws<ArgumentNullException>(() => new TotalTimeoutHandler((EzrouterTimeouts)null!)).ParamName);
        Assert.Equal("bounds", Assert.Throws<ArgumentNullException>(() => new TotalTimeoutHandler(new EzrouterTimeouts(), null, null, null!)).ParamName);
    }

    [Fact]
    public async Task ARequestsOwnTotalLimitReplacesTheHandlersAndIsNamedInTheTimeout()
    {
        // Arrange: the handler allows a minute; this request 2.5 s.
        var never = new TaskCompletionSource<HttpResponseMessage>();
        _mock.When("*").Respond(() => never.Task);
        using var invoker = HandlerChain.Invoker(_mock, new TotalTimeoutHandler(new EzrouterTimeouts { Total = TimeSpan.FromMinutes(1) }, _time));
        var request = HandlerChain.ChatRequest().With(new EzrouterTimeouts { Total = TimeSpan.FromSeconds(2.5) });

        // Act
        var send = invoker.SendAsync(request, CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(2.5));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeSpan.FromSeconds(2.5), timeout.Limit);
        Assert.Contains("the call did not complete within 2.5 s", timeout.Message);
    }

    [Fact]
    public async Task ARequestsOwnResponseInfoIsTheOneTheCallFillsIn()
    {
        _mock.When("*").Respond(_ => TestClients.Sse(Payloads.ChatSse));
        using var invoker = HandlerChain.Invoker(_mock, new TotalTimeoutHandler(new EzrouterTimeouts(), _time), new SseAggregationHandler());
        var info = new EzrouterResponseInfo();

        using var response = await invoker.SendAsync(HandlerChain.ChatRequest().With(info), CancellationToken.None);

        Assert.Equal(200, info.StatusCode);
    }
}
