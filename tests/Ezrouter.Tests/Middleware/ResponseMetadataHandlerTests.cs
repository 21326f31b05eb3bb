using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="ResponseMetadataHandler"/>: request id, gateway build and time to first byte, per attempt.</summary>
public sealed class ResponseMetadataHandlerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MockHttpMessageHandler _mock = new();

    [Fact]
    public async Task TimeToFirstByteIsMeasuredOnTheInjectedClock()
    {
        // Arrange
        _mock.When("*").Respond(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(1250));
            return Task.FromResult(ErrorResponses.Response(200, "{}", requestIdHeader: "rid-7"));
        });
        using var invoker = HandlerChain.Invoker(_mock, new ResponseMetadataHandler(_time));
        var info = new EzrouterResponseInfo();

        // Act
        using var response = await invoker.SendAsync(HandlerChain.ChatRequest().With(info), CancellationToken.None);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(1250), info.TimeToFirstByte);
    }

    [Fact]
    public async Task RequestIdBuildStatusAndContentTypeAreRecorded()
    {
        // Arrange
        _mock.When("*").Respond(_ => ErrorResponses.Response(200, "data: [DONE]\n\n", "text/event-stream", requestIdHeader: "2026112100000000rid"));
        using var invoker = HandlerChain.Invoker(_mock, new ResponseMetadataHandler(_time));
        var info = new EzrouterResponseInfo();

        // Act
        using var response = await invoker.SendAsync(HandlerChain.ChatRequest().With(info), CancellationToken.None);

        // Assert
        Assert.Equal("2026112100000000rid", info.RequestId);
        Assert.Equal(ErrorResponses.GatewayVersion, info.GatewayVersion);
        Assert.Equal(200, info.StatusCode);
        Assert.Equal("text/event-stream", info.ContentType);
    }

    [Fact]
    public async Task GatewayVersionIsReportedToTheClient()
    {
        // Arrange
        string? reported = null;
        _mock.When("*").Respond(_ => ErrorResponses.Response(200, "{}"));
        using var invoker = HandlerChain.Invoker(_mock, new ResponseMetadataHandler(_time, v => reported = v));

        // Act
        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        // Assert
        Assert.Equal(ErrorResponses.GatewayVersion, reported);
    }
}
