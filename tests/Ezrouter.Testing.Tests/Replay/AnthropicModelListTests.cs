using System.Net;
using System.Text.Json;
using Ezrouter.Testing.Recording;
using Ezrouter.Testing.Replay;
using Ezrouter.Testing.Tests.Support;

namespace Ezrouter.Testing.Tests.Replay;

/// <summary>
/// Gateway (docs/gateway-behavior.md §19): the Anthropic-shape model list comes back only when both
/// <c>x-api-key</c> and <c>anthropic-version</c> are sent; otherwise <c>/anthropic/v1/models</c> is the gateway's
/// <c>/v1/models</c> and answers the OpenAI shape.
/// </summary>
public sealed class AnthropicModelListTests
{
    [Theory]
    [InlineData(true, true, "anthropic-models-list#0", false)]
    [InlineData(false, true, "models-list#0", true)]
    [InlineData(true, false, "models-list#0", true)]
    [InlineData(false, false, "models-list#0", true)]
    public async Task TheShapeDependsOnBothHeaders(bool apiKey, bool version, string answeredBy, bool openAiShape)
    {
        await using var gateway = await RecordedGateway.StartAsync();
        using var client = Wire.Client(gateway);

        using var response = await client.SendAsync(Request(apiKey, version));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answeredBy, Wire.Header(response, "X-Recorded-Gateway"));
        Assert.Equal(openAiShape, body.RootElement.TryGetProperty("success", out _));
        Assert.Equal(!openAiShape, body.RootElement.TryGetProperty("first_id", out _));
    }

    [Fact]
    public async Task StrictReplayDoesNotFallBackToTheOpenAiShape()
    {
        await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions { Strict = true });
        using var client = Wire.Client(gateway);

        using var response = await client.SendAsync(Request(apiKey: false, version: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("closest: anthropic-models-list (differs in: header x-api-key)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/models", true)]
    [InlineData("/anthropic/v1/models", true)]
    [InlineData("/v1/chat/completions", false)]
    public void AMatcherWantingAnthropicVersionOnAModelListAlsoWantsXApiKey(string path, bool implied)
    {
        var matcher = new CassetteRequest
        {
            Method = "GET",
            Path = path,
            Headers = new Dictionary<string, string?> { ["anthropic-version"] = "*" },
        };
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["anthropic-version"] = "2023-06-01" };

        var outcome = CassetteMatcher.Evaluate(matcher, new RequestSnapshot("GET", path, string.Empty, headers, []));

        Assert.Equal(!implied, outcome.IsMatch);
        Assert.Equal(implied, outcome.Differences.Contains("header x-api-key"));
    }

    [Theory]
    [InlineData(true, true, "anthropic-version,x-api-key")]
    [InlineData(false, true, null)]
    [InlineData(true, false, null)]
    public void RecordModeWritesTheSameConditionIntoTheMatcher(bool apiKey, bool version, string? expected)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (apiKey)
        {
            headers["x-api-key"] = "sk-recording-key";
        }

        if (version)
        {
            headers["anthropic-version"] = "2023-06-01";
        }

        var snapshot = new RequestSnapshot("GET", "/anthropic/v1/models", string.Empty, headers, []);

        var matcher = RecordedMatcher.For(snapshot, new SecretRedactor(SecretRedactor.CredentialsIn(headers)));

        Assert.Equal(expected, matcher.Headers is null ? null : string.Join(",", matcher.Headers.OrderBy(h => h.Key).Select(h => h.Key)));
        Assert.All(matcher.Headers ?? new Dictionary<string, string?>(), h => Assert.Equal("*", h.Value));
    }

    private static HttpRequestMessage Request(bool apiKey, bool version)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "anthropic/v1/models");
        if (apiKey)
        {
            request.Headers.Add("x-api-key", "sk-test");
        }
        else
        {
            request.Headers.Add("Authorization", "Bearer sk-test");
        }

        if (version)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return request;
    }
}
