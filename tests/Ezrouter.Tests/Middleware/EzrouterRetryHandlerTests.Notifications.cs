using System.Net;
using Ezrouter.Tests.TestSupport;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="EzrouterRetryOptions.OnRetryWait"/>: one notice per wait, before it starts, saying why.</summary>
public sealed partial class EzrouterRetryHandlerTests
{
    [Fact]
    public async Task EachWaitIsAnnouncedBeforeItStartsWithTheServersRetryAfter()
    {
        // Arrange
        var waits = new List<(EzrouterRetryWait Wait, int AttemptsSoFar)>();
        var options = new EzrouterRetryOptions { OnRetryWait = w => waits.Add((w, Attempts)) };
        using var invoker = Invoker(options, Status(429, """{"error":{"message":"slow down","type":"new_api_error"}}""", retryAfter: "7"), Success());

        // Act
        var send = invoker.SendAsync(Request(), CancellationToken.None);
        await _time.WaitForTimerAsync();
        var announcedBeforeTheWaitEnds = waits.Count;
        _time.Advance(TimeSpan.FromSeconds(7));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, announcedBeforeTheWaitEnds);
        var (wait, attemptsSoFar) = Assert.Single(waits);
        Assert.Equal(1, attemptsSoFar);
        Assert.Equal(TimeSpan.FromSeconds(7), wait.Delay);
        Assert.Equal(2, wait.NextAttempt);
        Assert.Equal(3, wait.MaxAttempts);
        Assert.Equal(429, wait.StatusCode);
        Assert.True(wait.FromRetryAfter);
        Assert.IsType<EzrouterRateLimitException>(wait.Failure);
    }

    [Fact]
    public async Task BackoffWaitsAreAnnouncedOncePerWaitWithTheirAttemptNumbers()
    {
        // Arrange
        var waits = new List<EzrouterRetryWait>();
        var options = new EzrouterRetryOptions { MaxRetries = 3, OnRetryWait = waits.Add };
        using var invoker = Invoker(options, Status(502, "<html>502 Bad Gateway</html>"));

        // Act
        var error = await Record.ExceptionAsync(() => _time.DriveAsync(invoker.SendAsync(Request(), CancellationToken.None), TimeSpan.FromSeconds(1)));

        // Assert
        Assert.IsAssignableFrom<EzrouterException>(error);
        Assert.Equal(4, Attempts);
        Assert.Equal([2, 3, 4], waits.Select(w => w.NextAttempt));
        Assert.All(waits, w => Assert.Equal(4, w.MaxAttempts));
        Assert.All(waits, w => Assert.Equal(502, w.StatusCode));
        Assert.All(waits, w => Assert.False(w.FromRetryAfter));
        Assert.All(waits, w => Assert.InRange(w.Delay, TimeSpan.Zero, options.MaxDelay));
    }

    [Fact]
    public async Task AConnectionFailureIsAnnouncedWithStatusZero()
    {
        // Arrange
        var waits = new List<EzrouterRetryWait>();
        using var invoker = Invoker(new EzrouterRetryOptions { OnRetryWait = waits.Add }, Refused(), Success());

        // Act
        using var response = await _time.DriveAsync(invoker.SendAsync(Request(), CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        var wait = Assert.Single(waits);
        Assert.Equal(0, wait.StatusCode);
        Assert.IsType<EzrouterConnectionException>(wait.Failure);
    }

    [Fact]
    public async Task ACallbackThatThrowsDoesNotChangeTheOutcome()
    {
        // Arrange
        var calls = 0;
        var options = new EzrouterRetryOptions { OnRetryWait = _ => { calls++; throw new InvalidOperationException("boom"); } };
        using var invoker = Invoker(options, Status(503, "<html>503</html>"), Success());

        // Act
        using var response = await _time.DriveAsync(invoker.SendAsync(Request(), CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task NoWaitNoNotice()
    {
        // Arrange: not retried at all (a 400), and retries switched off.
        var waits = new List<EzrouterRetryWait>();
        using var invoker = Invoker(new EzrouterRetryOptions { OnRetryWait = waits.Add }, Status(400, """{"error":{"message":"bad","type":"invalid_request_error"}}"""));

        // Act
        await Record.ExceptionAsync(() => invoker.SendAsync(Request(), CancellationToken.None));

        // Assert
        Assert.Empty(waits);
    }
}
