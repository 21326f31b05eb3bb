using System.Globalization;
using System.Net;
using System.Text.Json;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Hosting;

/// <summary>
/// Issue 16, item 6: the recorded gateway enforcing an EzAI tier. Every answer, success or error, carries the six
/// rate-limit headers; a request past the tier's requests per window or its requests in flight is answered 429 with
/// <c>Retry-After</c> and EzAI's error body, and the request log says so.
/// </summary>
public sealed class TierModeTests
{
    private const string Chat = """{"model":"gpt-5.2","messages":[{"role":"user","content":"hi"}]}""";

    // A window of a day: no test here runs across a window's end (they start at UTC midnight).
    private static RecordedGatewayOptions Enforcing(RateLimitTier tier, TimeSpan? window = null, params Cassette[] cassettes) =>
        new() { Tier = tier, RateWindow = window ?? TimeSpan.FromDays(1), Cassettes = cassettes };

    private static int Count(HttpResponseMessage response, string header) =>
        int.Parse(Wire.Header(response, header), NumberStyles.None, CultureInfo.InvariantCulture);

    [Fact]
    public async Task EveryAnswerSuccessOrErrorCarriesTheSixHeaders()
    {
        // Arrange
        await using var gateway = await RecordedGateway.StartAsync(Enforcing(RateLimitTier.Free, TimeSpan.FromMinutes(1)));
        using var client = Wire.Client(gateway);

        // Act
        using var models = await client.GetAsync("v1/models");
        using var error = await client.SendAsync(Wire.Post("/v1/chat/completions", """{"model":"error-402-insufficient-balance","messages":[{"role":"user","content":"hi"}]}"""));

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.PaymentRequired), (models.StatusCode, error.StatusCode));
        foreach (var (response, remaining) in new[] { (models, 4), (error, 3) })
        {
            Assert.Equal("free", Wire.Header(response, "x-ratelimit-tier"));
            Assert.Equal((5, remaining, 1, 0), (Count(response, "x-ratelimit-limit-requests"), Count(response, "x-ratelimit-remaining-requests"),
                Count(response, "x-concurrent-limit"), Count(response, "x-concurrent-remaining")));
            var reset = DateTimeOffset.Parse(Wire.Header(response, "x-ratelimit-reset-requests"), CultureInfo.InvariantCulture);
            Assert.Equal(0, reset.UtcTicks % TimeSpan.TicksPerMinute);
            Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        }
        Assert.Equal([200, 402], gateway.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task ARequestPastTheWindowsCountGetsA429WithRetryAfterInsteadOfItsCassette()
    {
        // Arrange
        await using var gateway = await RecordedGateway.StartAsync(Enforcing(new RateLimitTier("test", 2, 4)));
        using var client = Wire.Client(gateway);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await client.SendAsync(Wire.Post("/v1/chat/completions", Chat));
            statuses.Add(admitted.StatusCode);
        }
        using var refused = await client.SendAsync(Wire.Post("/v1/chat/completions", Chat));
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Assert.Equal((0, 4), (Count(refused, "x-ratelimit-remaining-requests"), Count(refused, "x-concurrent-remaining")));
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("2 requests per 86400 s (tier test)", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var logged = gateway.Requests[^1];
        Assert.Equal((429, null), (logged.Status, logged.CassetteName));
    }

    [Fact]
    public async Task ARequestPastTheConcurrencyLimitGetsA429WhileTheFirstIsInFlight()
    {
        // Arrange: an answer that takes a second to start.
        var slow = new Cassette
        {
            Name = "slow-answer",
            Interactions =
            [
                new CassetteInteraction
                {
                    Request = new CassetteRequest { Method = "POST", Path = "/v1/chat/completions", Body = new Dictionary<string, JsonElement> { ["model"] = JsonSerializer.SerializeToElement("slow") } },
                    Response = new CassetteResponse { Status = 200, DelayMs = 1000, Body = "{}" },
                },
            ],
        };
        await using var gateway = await RecordedGateway.StartAsync(Enforcing(new RateLimitTier("test", 100, 1), cassettes: slow));
        using var client = Wire.Client(gateway);
        var first = client.SendAsync(Wire.Post("/v1/chat/completions", """{"model":"slow"}"""));
        while (gateway.Requests.Count == 0) await Task.Delay(5);

        // Act
        using var second = await client.SendAsync(Wire.Post("/v1/chat/completions", """{"model":"slow"}"""));

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter!.Delta);
        Assert.Contains("Concurrent request limit exceeded: 1 at a time", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var answered = await first;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("slow-answer#0", Wire.Header(answered, "X-Recorded-Gateway"));
        Assert.Equal("1", Wire.Header(answered, "x-concurrent-limit"));
    }

    [Fact]
    public async Task TheSlotIsFreeOnceTheAnswersLastByteIsOut()
    {
        // Arrange: an answer whose connection is cut 100 ms after its last byte, so its handler is still running
        // when the client has the whole body; a slot held until the handler ends would refuse the next request.
        var cut = new Cassette
        {
            Name = "cut-after-body",
            Interactions =
            [
                new CassetteInteraction
                {
                    Request = new CassetteRequest { Method = "POST", Path = "/v1/chat/completions", Body = new Dictionary<string, JsonElement> { ["model"] = JsonSerializer.SerializeToElement("cut") } },
                    Response = new CassetteResponse { Status = 200, Body = "0123456789", End = CassetteEnd.Abort },
                },
            ],
        };
        await using var gateway = await RecordedGateway.StartAsync(Enforcing(new RateLimitTier("test", 100, 1), cassettes: cut));
        using var first = Wire.Client(gateway);
        using var second = Wire.Client(gateway);
        using var answer = await Wire.SendAsync(first, Wire.Post("/v1/chat/completions", """{"model":"cut"}"""));
        await using var body = await answer.Content.ReadAsStreamAsync();
        var buffer = new byte[10];
        await body.ReadExactlyAsync(buffer);

        // Act
        using var next = await second.GetAsync("v1/models");

        // Assert
        Assert.Equal("0123456789", System.Text.Encoding.UTF8.GetString(buffer));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task AShortWindowResetsTheCountAtItsEnd()
    {
        await using var gateway = await RecordedGateway.StartAsync(Enforcing(new RateLimitTier("test", 1, 1), TimeSpan.FromSeconds(1)));
        using var client = Wire.Client(gateway);

        using var first = await client.GetAsync("v1/models");
        var reset = DateTimeOffset.Parse(Wire.Header(first, "x-ratelimit-reset-requests"), CultureInfo.InvariantCulture);
        await Task.Delay(reset - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        using var next = await client.GetAsync("v1/models");

        Assert.Equal(0, reset.UtcTicks % TimeSpan.TicksPerSecond);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(0, Count(next, "x-ratelimit-remaining-requests"));
    }

    [Fact]
    public async Task WithoutATierNoRateLimitHeadersAreAdded()
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await client.GetAsync("v1/models");

        Assert.False(response.Headers.Contains("x-ratelimit-tier"));
        Assert.Equal(200, gateway.Requests[0].Status);
    }

    [Fact]
    public void TiersAndWindowsRefuseWhatCannotBeEnforced()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordedGatewayOptions { RateWindow = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordedGatewayOptions { RateWindow = TimeSpan.FromDays(2) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitTier("x", 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitTier("x", 1, 0));
        Assert.Throws<ArgumentException>(() => new RateLimitTier("free\r\nx-evil: 1", 1, 1));
        Assert.Equal([("free", 5, 1), ("topup", 30, 2), ("starter", 30, 2), ("pro", 60, 3), ("max", 90, 6), ("ultra", 120, 8)],
            RateLimitTier.EzAi.Select(t => (t.Name, t.RequestsPerWindow, t.ConcurrentRequests)));
        Assert.Same(RateLimitTier.TopUp, RateLimitTier.FromName(" Top-Up "));
        Assert.Null(RateLimitTier.FromName("gold"));
    }
}
