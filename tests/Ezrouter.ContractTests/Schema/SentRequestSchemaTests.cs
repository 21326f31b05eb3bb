using Ezrouter.ContractTests.Support;
using Xunit.Abstractions;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// The request bodies the SDK actually sends (as the recorded gateway received them) match the request schemas in
/// openapi/. Cassette matchers hold only a few fields, so the SDK's own bodies are what is checked.
/// </summary>
public sealed class SentRequestSchemaTests : IClassFixture<RecordedGatewayFixture>
{
    // Scenarios whose point is an invalid request: the spec must reject exactly what the gateway rejects.
    private static readonly IReadOnlyDictionary<string, string[]> ExpectedViolations = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["error-400-no-model"] = ["$.model: PropertyRequired: 'model' is missing"],
        ["error-500-invalid-request"] = ["$.messages: PropertyRequired: 'messages' is missing"],
    };

    private readonly RecordedGatewayFixture _gateway;
    private readonly ITestOutputHelper _output;

    public SentRequestSchemaTests(RecordedGatewayFixture gateway, ITestOutputHelper output)
    {
        _gateway = gateway;
        _output = output;
        _gateway.Gateway.Reset();
    }

    public static TheoryData<string> Cassettes => EmbeddedCassettes.NameData;

    [Theory]
    [MemberData(nameof(Cassettes))]
    public async Task RequestBodiesTheSdkSendsMatchTheRequestSchema(string cassette)
    {
        // Arrange
        var conformance = new BodyConformance(await GatewaySpecs.LoadRepositoryAsync());

        // Act
        await CassetteCalls.SendAsync(cassette, _gateway);
        var checks = _gateway.Gateway.Requests
            .Select((r, i) => conformance.CheckRequest($"{cassette} request {i} ({r.Method} {r.Path})", r.Method, r.Path, r.Body))
            .ToList();

        // Assert
        foreach (var check in checks) _output.WriteLine(check.ToString());
        _gateway.AssertAnsweredBy(cassette, Enumerable.Range(0, checks.Count).ToArray());
        var violations = checks.SelectMany(c => c.Violations).Select(v => v.ToString()).ToList();
        Assert.Equal(ExpectedViolations.GetValueOrDefault(cassette, []), violations);
    }
}
