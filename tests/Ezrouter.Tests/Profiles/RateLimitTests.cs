using System.Net;
using Ezrouter.Profiles;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Profiles;

/// <summary>The rate-limit snapshot: read from the headers on answers and on errors, null without them, a malformed field null.</summary>
public class RateLimitTests
{
    private const string CountUrl = "https://ezaiapi.com/v1/messages/count_tokens";

    private static Ezrouter.Generated.Anthropic.Models.CountTokensRequest Count() => new()
    {
        Model = "claude-sonnet-4-5",
        Messages = [new() { Role = "user", Content = new() { String = "Hi" } }],
    };

    private static HttpResponseMessage WithLimits(HttpResponseMessage response, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    private static readonly (string, string)[] Full =
    [
        ("x-ratelimit-tier", "topup"), ("x-ratelimit-limit-requests", "30"), ("x-ratelimit-remaining-requests", "28"),
        ("x-ratelimit-reset-requests", "2026-03-03T09:00:00.000Z"), ("x-concurrent-limit", "5"), ("x-concurrent-remaining", "3"),
    ];

    [Fact]
    public async Task EveryFieldIsReadFromAnAnswer()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ => WithLimits(TestClients.Json("{\"input_tokens\":12}"), Full));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        var counted = await client.Messages.CountTokensAsync(Count());

        // Assert
        Assert.Equal(new EzrouterRateLimit
        {
            Tier = "topup", LimitRequests = 30, RemainingRequests = 28, ResetRequests = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero),
            ConcurrentLimit = 5, ConcurrentRemaining = 3,
        }, counted.Info.RateLimit);
    }

    [Fact]
    public async Task WithoutTheHeadersTheSnapshotIsNull()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ => TestClients.Json("{\"input_tokens\":12}"));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        var counted = await client.Messages.CountTokensAsync(Count());

        // Assert
        Assert.Null(counted.Info.RateLimit);
    }

    [Fact]
    public async Task AMalformedValueLeavesThatFieldNullAndTheRestRead()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ => WithLimits(TestClients.Json("{\"input_tokens\":12}"),
            ("x-ratelimit-limit-requests", "thirty"), ("x-ratelimit-remaining-requests", "-1"), ("x-ratelimit-reset-requests", "soon"),
            ("x-concurrent-limit", "2.5"), ("x-concurrent-remaining", "1"), ("x-ratelimit-tier", " ")));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        var limit = (await client.Messages.CountTokensAsync(Count())).Info.RateLimit!;

        // Assert
        Assert.Equal((null, null, null, null, null, 1), (limit.Tier, limit.LimitRequests, limit.RemainingRequests, limit.ResetRequests, limit.ConcurrentLimit, limit.ConcurrentRemaining));
    }

    [Fact]
    public async Task AnErrorCarriesTheSnapshotOnItsDetails()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ =>
        {
            var response = WithLimits(TestClients.Json("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}", status: HttpStatusCode.TooManyRequests), Full);
            response.Headers.TryAddWithoutValidation("Retry-After", "3");
            return response;
        });
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterRateLimitException>(() => client.Messages.CountTokensAsync(Count()));

        // Assert
        Assert.Equal(("topup", 28, TimeSpan.FromSeconds(3)), (error.RateLimit!.Tier, error.Details.RateLimit!.RemainingRequests, error.RetryAfter));
    }

    [Fact]
    public async Task TheTierIsRedactedLikeEveryOtherTextOnAnError()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ => WithLimits(
            TestClients.Json("{\"error\":{\"message\":\"no\",\"type\":\"x\"}}", status: HttpStatusCode.BadRequest), ("x-ratelimit-tier", "tier-" + TestClients.ApiKey)));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterInvalidRequestException>(() => client.Messages.CountTokensAsync(Count()));

        // Assert
        Assert.DoesNotContain(TestClients.ApiKey, error.RateLimit!.Tier, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"error\":{\"message\":\"Your IP is blocked\",\"type\":\"forbidden\"}}", "application/json", "5 minutes")]
    [InlineData("<html><body>Sorry, you have been blocked</body></html>", "text/html", "User-Agent")]
    public async Task A403SaysWhetherAFirewallOrTheGatewayRefusedAndWhatToDo(string body, string contentType, string advice)
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ => TestClients.Response(body, contentType, "r1", HttpStatusCode.Forbidden));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        var error = await Assert.ThrowsAsync<EzrouterPermissionException>(() => client.Messages.CountTokensAsync(Count()));

        // Assert
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A405IsAnInvalidRequest()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, CountUrl).Respond(_ => TestClients.Response("{\"error\":{\"message\":\"Method not allowed\"}}", "application/json", "r1", HttpStatusCode.MethodNotAllowed));
        using var client = TestClients.Create(mock, o => o.Profile = GatewayProfile.EzAi);

        // Act
        var error = await Record.ExceptionAsync(() => client.Messages.CountTokensAsync(Count()));

        // Assert
        Assert.IsType<EzrouterInvalidRequestException>(error);
    }
}
