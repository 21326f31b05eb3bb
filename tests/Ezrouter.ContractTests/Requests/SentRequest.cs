using System.Text.Json;
using Ezrouter.ContractTests.Schema;
using Ezrouter.ContractTests.Support;

namespace Ezrouter.ContractTests.Requests;

/// <summary>
/// What a request-side contract test checks on the body the recorded gateway captured: it validates against the
/// operation's request schema in openapi/, and each feature the cassette's matcher names is there as a whole JSON value.
/// </summary>
internal static class SentRequest
{
    /// <summary>The one captured request's body, after asserting it conforms to the spec and carries <paramref name="cassette"/>'s matcher values.</summary>
    public static async Task<JsonElement> AssertConformsAsync(RecordedGatewayFixture gateway, string cassette)
    {
        var request = Assert.Single(gateway.Gateway.Requests);
        var conformance = new BodyConformance(await GatewaySpecs.LoadRepositoryAsync());
        var check = conformance.CheckRequest(cassette, request.Method, request.Path, request.Body);
        Assert.True(check.Skipped is null, check.ToString());
        Assert.Empty(check.Violations);

        using var document = JsonDocument.Parse(request.Body);
        var body = document.RootElement.Clone();
        foreach (var (path, expected) in EmbeddedCassettes.Get(cassette).Interactions[0].Request.Body!)
        {
            var actual = Resolve(body, path);
            Assert.True(actual is { } value && JsonElement.DeepEquals(expected, value) || (actual is null && path == "stream" && expected.ValueKind == JsonValueKind.False),
                $"{path}: sent {actual?.GetRawText() ?? "nothing"}, cassette expects {expected.GetRawText()}");
        }
        return body;
    }

    private static JsonElement? Resolve(JsonElement root, string dottedPath)
    {
        var current = root;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }
}
