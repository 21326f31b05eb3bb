using Ezrouter.Testing;

namespace Ezrouter.ContractTests.Support;

/// <summary>One recorded gateway (embedded cassettes, free loopback port) per test class, and SDK clients pointed at it.</summary>
public sealed class RecordedGatewayFixture : IAsyncLifetime
{
    /// <summary>The API key every contract client sends; the recorded gateway accepts any key.</summary>
    public const string ApiKey = "contract-test-key";

    private RecordedGateway? _gateway;

    /// <summary>The running gateway.</summary>
    public RecordedGateway Gateway => _gateway ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary>
    /// A client for the gateway. Retries are off unless asked for, so each test sees exactly the interaction it
    /// names; when on, the backoff base is 10 ms to keep the suite fast.
    /// </summary>
    public EzrouterClient CreateClient(int maxRetries = 0, Uri? anthropicBaseUrl = null, Ezrouter.Profiles.GatewayProfile? profile = null) => new(new EzrouterClientOptions
    {
        Profile = profile ?? Ezrouter.Profiles.GatewayProfile.Ezrouter,
        ApiKey = ApiKey,
        BaseUrl = Gateway.BaseUrl,
        AnthropicBaseUrl = anthropicBaseUrl,
        Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    });

    /// <summary>An absolute URL on the gateway, for the generated builders' <c>WithUrl</c>.</summary>
    public string Url(string relative) => new Uri(Gateway.BaseUrl, relative).ToString();

    /// <summary>
    /// Asserts that every request since the last <see cref="RecordedGateway.Reset"/> reached <paramref name="cassette"/>,
    /// answered by these interactions in order (default: one request, interaction 0).
    /// </summary>
    public void AssertAnsweredBy(string cassette, params int[] interactions)
    {
        var requests = Gateway.Requests;
        Assert.Equal(interactions.Length == 0 ? [0] : interactions, requests.Select(r => r.InteractionIndex ?? -1));
        Assert.All(requests, r => Assert.Equal(cassette, r.CassetteName));
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _gateway = await RecordedGateway.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
    }
}
