using Ezrouter.Http;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Http;

/// <summary>
/// <see cref="EzrouterClientFactory"/>'s public builders, used by callers that make their own HttpClient: the options
/// they are given are the ones applied (connect limit, total limit), and a missing options object is a typed argument error.
/// </summary>
public sealed class EzrouterClientFactoryTests
{
    [Fact]
    public void EachBuilderRefusesMissingOptionsNamingTheParameter()
    {
        var handlers = Assert.Throws<ArgumentNullException>(() => EzrouterClientFactory.CreateHandlers(null!));
        var transport = Assert.Throws<ArgumentNullException>(() => EzrouterClientFactory.CreateTransport(null!));
        var client = Assert.Throws<ArgumentNullException>(() => EzrouterClientFactory.CreateHttpClient(null!));

        Assert.Equal(("options", "options", "options"), (handlers.ParamName, transport.ParamName, client.ParamName));
    }

    [Fact]
    public void TheDefaultTransportOpensConnectionsWithinTheConnectLimitOrWithoutOne()
    {
        // Arrange
        var limited = new EzrouterClientOptions { Timeouts = new EzrouterTimeouts { Connect = TimeSpan.FromSeconds(7) } };
        var unlimited = new EzrouterClientOptions { Timeouts = new EzrouterTimeouts { Connect = null } };

        // Act
        using var withLimit = Assert.IsType<SocketsHttpHandler>(EzrouterClientFactory.CreateTransport(limited));
        using var withoutLimit = Assert.IsType<SocketsHttpHandler>(EzrouterClientFactory.CreateTransport(unlimited));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), withLimit.ConnectTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, withoutLimit.ConnectTimeout);
        Assert.False(withLimit.AllowAutoRedirect);
    }

    [Fact]
    public async Task OverACallersTransportAConnectTimeoutClaimsNoLimitTheSdkDidNotApply()
    {
        // Arrange: the caller's transport times out connecting on its own terms; Timeouts.Connect is not what it applied.
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = new ConnectTimingOut() };
        options.Timeouts.Connect = TimeSpan.FromSeconds(3);
        options.Retry.MaxRetries = 0;
        using var client = EzrouterClientFactory.CreateHttpClient(options);

        // Act
        var error = await Record.ExceptionAsync(() => client.GetAsync("https://api.ezrouter.example/v1/models"));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal((TimeoutKind.Connect, TimeSpan.Zero), (timeout.Kind, timeout.Limit));
        Assert.Contains("could not be opened in time", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlainHttpClientFromTheFactoryHoldsACallToTheTotalLimit()
    {
        // Arrange: no EzrouterClient opens the call's scope; the pipeline's own total limit must.
        var time = new ManualTimeProvider();
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = new NeverAnswers(), TimeProvider = time };
        options.Timeouts = new EzrouterTimeouts { Connect = null, FirstByte = null, Idle = null, Total = TimeSpan.FromMinutes(2) };
        options.Retry.MaxRetries = 0;
        using var client = EzrouterClientFactory.CreateHttpClient(options);

        // Act
        var send = client.GetAsync("https://api.ezrouter.example/v1/models");
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal((TimeoutKind.Total, TimeSpan.FromMinutes(2)), (timeout.Kind, timeout.Limit));
    }

    // How SocketsHttpHandler reports its ConnectTimeout: a cancellation the caller did not ask for, wrapping a TimeoutException.
    private sealed class ConnectTimingOut : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new TaskCanceledException("connect timed out", new TimeoutException()));
    }

    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
