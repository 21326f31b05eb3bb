using Ezrouter.Testing;

namespace Ezrouter.Extensions.AI.Tests.ChatClient;

/// <summary>SDK clients against the recorded gateway, retries off so each test sees exactly its exchanges.</summary>
internal static class GatewayClients
{
    public const string ApiKey = "sk-test-not-a-secret";

    public static EzrouterClient Create(RecordedGateway gateway)
    {
        var options = new EzrouterClientOptions { ApiKey = ApiKey, BaseUrl = gateway.BaseUrl };
        options.Retry.MaxRetries = 0;
        return new EzrouterClient(options);
    }

    /// <summary>The JSON body of the last chat or messages request the gateway received.</summary>
    public static System.Text.Json.JsonElement LastBody(RecordedGateway gateway, string pathEnd) =>
        System.Text.Json.JsonDocument.Parse(gateway.Requests.Last(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal)).Body).RootElement.Clone();
}
