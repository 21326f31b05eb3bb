using Ezrouter.Middleware;
namespace Ezrouter.Tests.Middleware;

/// <summary>The gateway's retry table (docs/gateway-behavior.md §18) and the backoff, as pure functions.</summary>
public sealed class EzrouterRetryPolicyTests
{
    private static EzrouterException Failure(int status, string? code = null, double? retryAfterSeconds = null, string? type = null) =>
        ErrorClassifier.Create(new EzrouterErrorDetails
        {
            StatusCode = status,
            ErrorCode = code,
            ErrorType = type,
            Taxonomy = type is null && code is null ? ErrorTaxonomy.Unknown : ErrorTaxonomy.Gateway,
            RetryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        });

    [Theory]
    [InlineData(502, null, null, 0, true)]
    [InlineData(503, null, null, 0, true)]
    [InlineData(504, null, null, 0, true)]
    [InlineData(503, null, null, 5, true)]
    [InlineData(503, "model_not_found", null, 0, true)]
    [InlineData(503, "model_not_found", null, 1, false)]
    [InlineData(408, null, null, 0, true)]
    [InlineData(408, null, 2.0, 0, true)]
    [InlineData(429, null, null, 0, false)]
    [InlineData(429, null, 2.0, 0, true)]
    [InlineData(529, null, null, 0, true)]
    [InlineData(529, null, null, 1, true)]
    [InlineData(529, null, 0.0, 0, true)]
    [InlineData(400, null, null, 0, false)]
    [InlineData(400, null, 2.0, 0, false)]
    [InlineData(401, null, null, 0, false)]
    [InlineData(403, "access_denied", null, 0, false)]
    [InlineData(403, "insufficient_user_quota", null, 0, false)]
    [InlineData(404, null, null, 0, false)]
    [InlineData(413, "read_request_body_failed", null, 0, false)]
    [InlineData(500, "invalid_request", null, 0, false)]
    [InlineData(500, "invalid_request", 2.0, 0, false)]
    [InlineData(500, "do_request_failed", null, 0, false)]
    [InlineData(500, null, null, 0, false)]
    [InlineData(524, null, null, 0, false)]
    public void RetryTableDecidesByStatusCodeAndRetryAfter(int status, string? code, double? retryAfterSeconds, int retriesSoFar, bool expected)
    {
        // Arrange
        var failure = Failure(status, code, retryAfterSeconds);

        // Act
        var retry = EzrouterRetryPolicy.ShouldRetry(failure, retriesSoFar);

        // Assert
        Assert.Equal(expected, retry);
    }

    [Fact]
    public void AnOverloadedErrorRelayedAsA500IsRetriedAsA529Is()
    {
        var overloaded = Failure(500, type: "overloaded_error");
        Assert.IsType<EzrouterOverloadedException>(overloaded);

        Assert.True(EzrouterRetryPolicy.ShouldRetry(overloaded, 0));
        // A profile that retries 529 only after a named wait does the same here.
        var without529 = new HashSet<int> { 502, 503, 504 };
        Assert.False(EzrouterRetryPolicy.ShouldRetry(overloaded, 0, without529));
        Assert.True(EzrouterRetryPolicy.ShouldRetry(Failure(500, retryAfterSeconds: 1.0, type: "overloaded_error"), 0, without529));
        // Other 500s stay unretried.
        Assert.False(EzrouterRetryPolicy.ShouldRetry(Failure(500, type: "api_error"), 0));
    }

    [Fact]
    public void ConnectionFailureIsRetried()
    {
        // Act
        var retry = EzrouterRetryPolicy.ShouldRetry(new EzrouterConnectionException(new EzrouterErrorDetails { Summary = "refused" }), 1);

        // Assert
        Assert.True(retry);
    }

    [Theory]
    [InlineData(TimeoutKind.Connect, true)]
    [InlineData(TimeoutKind.FirstByte, false)]
    [InlineData(TimeoutKind.Idle, false)]
    [InlineData(TimeoutKind.Total, false)]
    public void OnlyAConnectTimeoutIsRetried(TimeoutKind kind, bool expected)
    {
        // Arrange
        var timeout = new EzrouterTimeoutException(kind, TimeSpan.FromSeconds(1), new EzrouterErrorDetails());

        // Act
        var retry = EzrouterRetryPolicy.ShouldRetry(timeout, 0);

        // Assert
        Assert.Equal(expected, retry);
    }

    [Fact]
    public void ErrorInsideAStreamIsNeverRetried()
    {
        // Arrange: the stream answered 503-like content, but after its headers arrived.
        var error = new EzrouterStreamException(new EzrouterErrorDetails { StatusCode = 503 });

        // Act
        var retry = EzrouterRetryPolicy.ShouldRetry(error, 0);

        // Assert
        Assert.False(retry);
    }

    [Fact]
    public void TruncatedStreamIsNeverRetried()
    {
        // Act
        var retry = EzrouterRetryPolicy.ShouldRetry(new EzrouterStreamTruncatedException(new EzrouterErrorDetails { StatusCode = 502 }), 0);

        // Assert
        Assert.False(retry);
    }

    [Theory]
    [InlineData(0, 1.0, 1000)]
    [InlineData(1, 1.0, 2000)]
    [InlineData(2, 1.0, 4000)]
    [InlineData(2, 0.5, 2000)]
    [InlineData(4, 1.0, 16000)]
    [InlineData(5, 1.0, 30000)]
    [InlineData(60, 1.0, 30000)]
    [InlineData(3, 0.0, 0)]
    public void DelayIsFullJitterUnderAnExponentialCeilingCappedAtMaxDelay(int retriesSoFar, double draw, double expectedMs)
    {
        // Act
        var delay = EzrouterRetryPolicy.Delay(Failure(503), retriesSoFar, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => draw);

        // Assert
        Assert.Equal(expectedMs, delay.TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void DelayStaysWithinBoundsForRandomDraws()
    {
        // Arrange
        var random = new Random(42);

        // Act
        var delays = Enumerable.Range(0, 1000).Select(i => EzrouterRetryPolicy.Delay(Failure(502), i % 8, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20), random.NextDouble)).ToList();

        // Assert
        Assert.All(delays.Select((d, i) => (d, ceiling: Math.Min(20_000, 500 * Math.Pow(2, i % 8)))), x => Assert.InRange(x.d.TotalMilliseconds, 0, x.ceiling));
        Assert.True(delays.Distinct().Count() > 900, "full jitter spreads the waits");
    }

    [Fact]
    public void RetryAfterIsUsedInsteadOfJitter()
    {
        // Act
        var delay = EzrouterRetryPolicy.Delay(Failure(429, retryAfterSeconds: 7), 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.1);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), delay);
    }

    [Fact]
    public void RetryAfterIsCappedAtMaxDelay()
    {
        // Act
        var delay = EzrouterRetryPolicy.Delay(Failure(429, retryAfterSeconds: 3600), 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.1);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(30), delay);
    }
}
