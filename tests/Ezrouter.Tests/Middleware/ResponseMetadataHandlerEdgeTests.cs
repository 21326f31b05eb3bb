using System.Net;
using Ezrouter.Middleware;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="ResponseMetadataHandler"/> measures the time to first byte that the adaptive limit learns from.</summary>
public sealed class ResponseMetadataHandlerEdgeTests
{
    [Fact]
    public async Task ASlowFirstByteItMeasuresLowersTheAdaptiveLimit()
    {
        // Arrange: the answer takes 6 s on the clock; the target is 2 s.
        var time = new ManualTimeProvider();
        var limiter = new AdaptiveConcurrencyLimiter(new EzrouterConcurrencyOptions { MaxConcurrentRequests = 8, TargetTimeToFirstByte = TimeSpan.FromSeconds(2), DecreaseFactor = 0.5 }, time);
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            time.Advance(TimeSpan.FromSeconds(6));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var invoker = HandlerChain.Invoker(mock, new AdaptiveConcurrencyHandler(limiter), new ResponseMetadataHandler(time));

        // Act
        using var response = await invoker.SendAsync(HandlerChain.ChatRequest(), CancellationToken.None);

        // Assert
        Assert.Equal(4, limiter.Limit);
    }
}
