using System.Net;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.Middleware;

/// <summary><see cref="EzrouterRetryHandler"/>: connection failures, cancellation during a backoff, and streams.</summary>
public sealed partial class EzrouterRetryHandlerTests
{
    [Fact]
    public async Task ConnectionFailureBecomesAConnectionExceptionAndIsRetried()
    {
        // Arrange
        using var invoker = Invoker(null, Refused(), Success());
        var info = new EzrouterResponseInfo();

        // Act
        using var response = await _time.DriveAsync(invoker.SendAsync(Request(info), CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Attempts);
        Assert.Equal(1, info.RetryCount);
    }

    [Fact]
    public async Task ConnectionFailureThatPersistsSurfacesAsAConnectionException()
    {
        // Arrange
        using var invoker = Invoker(null, Refused());

        // Act
        var error = await Record.ExceptionAsync(() => _time.DriveAsync(invoker.SendAsync(Request(), CancellationToken.None), TimeSpan.FromSeconds(1)));

        // Assert
        var connection = Assert.IsType<EzrouterConnectionException>(error);
        Assert.Equal(0, connection.StatusCode);
        Assert.Equal(2, connection.RetryCount);
        Assert.IsType<HttpRequestException>(connection.InnerException);
    }

    [Fact]
    public async Task ZeroMaxRetriesSendsOnce()
    {
        // Arrange
        using var invoker = Invoker(new EzrouterRetryOptions { MaxRetries = 0 }, Status(503, ""), Success());

        // Act
        await Assert.ThrowsAsync<EzrouterUpstreamUnavailableException>(() => invoker.SendAsync(Request(), CancellationToken.None));

        // Assert
        Assert.Equal(1, Attempts);
    }

    [Fact]
    public async Task CallerPredicateReplacesTheTable()
    {
        // Arrange
        var options = new EzrouterRetryOptions { ShouldRetry = (failure, _) => failure.StatusCode == 500 };
        using var invoker = Invoker(options, Status(500, """{"error":{"message":"panic","type":"new_api_panic"}}"""), Success());

        // Act
        using var response = await _time.DriveAsync(invoker.SendAsync(Request(), CancellationToken.None), TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(2, Attempts);
    }

    [Fact]
    public async Task CancellationDuringBackoffIsACancellationNotATypedError()
    {
        // Arrange
        using var invoker = Invoker(null, Status(503, "", retryAfter: "10"), Success());
        using var cancel = new CancellationTokenSource();

        // Act
        var send = invoker.SendAsync(Request(), cancel.Token);
        await _time.WaitForTimerAsync();
        cancel.Cancel();
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(1, Attempts);
    }

    [Fact]
    public async Task StreamIsNotRetriedOnceItsHeadersReachedTheCaller()
    {
        // Arrange: a 200 stream whose body drops after the first event.
        using var invoker = Invoker(null, () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DroppingStream("data: {\"id\":\"c\"}\n\n"u8.ToArray())) };
            response.Content.Headers.ContentType = new("text/event-stream");
            return response;
        });

        // Act
        using var response = await invoker.SendAsync(Request(), CancellationToken.None);
        using var body = await response.Content.ReadAsStreamAsync();
        var read = await Record.ExceptionAsync(async () => { while (await body.ReadAsync(new byte[64]) > 0) { } });

        // Assert
        Assert.IsType<IOException>(read);
        Assert.Equal(1, Attempts);
    }

    /// <summary>A body that can be read once, from the start, like Kiota's serialized request content.</summary>
    private sealed class OneShotStream(byte[] bytes) : MemoryStream(bytes)
    {
        private bool _read;

        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            if (n == 0 && _read) return 0;
            _read = true;
            return n;
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }

    /// <summary>Yields its bytes once, then fails like a dropped connection.</summary>
    private sealed class DroppingStream(byte[] first) : MemoryStream(first)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            return n > 0 ? n : throw new IOException("The response ended prematurely.");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = base.Read(buffer.Span);
            return n > 0 ? new ValueTask<int>(n) : ValueTask.FromException<int>(new IOException("The response ended prematurely."));
        }
    }
}
