using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.TestSupport;

/// <summary>Clients over a MockHttp transport, with retries off so a test sees exactly one exchange.</summary>
public static class TestClients
{
    public const string ApiKey = "test-key-not-a-secret";
    public const string Base = "https://www.ezrouter.dev";

    public static EzrouterClient Create(MockHttpMessageHandler mock, Action<EzrouterClientOptions>? configure = null)
    {
        var options = new EzrouterClientOptions { ApiKey = ApiKey, Transport = mock };
        options.Retry.MaxRetries = 0;
        configure?.Invoke(options);
        return new EzrouterClient(options);
    }

    /// <summary>Gateway response headers as the recorded traffic has them.</summary>
    public static HttpResponseMessage Sse(string body, string requestId = "20261121000000000000000000000001", Delivery? delivery = null) =>
        Response(body, "text/event-stream", requestId, delivery: delivery);

    public static HttpResponseMessage Json(string body, string requestId = "20261121000000000000000000000001", System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK) =>
        Response(body, "application/json", requestId, status);

    /// <summary>A response whose body arrives as <paramref name="delivery"/> says (whole when null).</summary>
    public static HttpResponseMessage Response(string body, string contentType, string requestId, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK, Delivery? delivery = null)
    {
        var response = new HttpResponseMessage(status) { Content = delivery?.Content(body) ?? new StringContent(body, System.Text.Encoding.UTF8) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        response.Headers.TryAddWithoutValidation("X-New-Api-Version", "v0.9.6");
        response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", requestId);
        return response;
    }
}
