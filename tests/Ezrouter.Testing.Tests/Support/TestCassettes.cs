using System.Text.Json;

namespace Ezrouter.Testing.Tests.Support;

/// <summary>Small in-memory cassettes for behaviour tests.</summary>
internal static class TestCassettes
{
    public static Cassette Chat(string name, string bodyMatchers, CassetteResponse response) => new()
    {
        Name = name,
        Interactions =
        [
            new CassetteInteraction
            {
                Request = new CassetteRequest
                {
                    Method = "POST",
                    Path = "/v1/chat/completions",
                    Body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(bodyMatchers),
                },
                Response = response,
            },
        ],
    };

    public static CassetteResponse Text(int status, string body) => new()
    {
        Status = status,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" },
        Body = body,
    };

    public static Task<RecordedGateway> StartAsync(params Cassette[] cassettes) =>
        RecordedGateway.StartAsync(new RecordedGatewayOptions { IncludeEmbedded = false, Cassettes = cassettes });
}
