using Ezrouter.ContractTests.Support;
using NSwag;

namespace Ezrouter.ContractTests.Schema;

/// <summary>
/// The retry-wait headers (<c>Retry-After</c>, <c>retry-after-ms</c>) are declared on every error response the specs
/// define (issue 13, item 1): the gateway copies an upstream's headers onto a non-stream error on any operation
/// (docs/gateway-behavior.md §16), so a spec that leaves them off an operation says that operation cannot send them.
/// </summary>
public sealed class RetryWaitHeaderTests
{
    private static readonly string[] RetryWaitHeaders = ["Retry-After", "retry-after-ms"];

    [Fact]
    public async Task EveryErrorResponseOfBothSpecsDeclaresBothHeaders()
    {
        // Arrange
        var specs = await GatewaySpecs.LoadRepositoryAsync();

        // Act
        var missing = Undeclared(specs.OpenAi).Concat(Undeclared(specs.Anthropic)).ToList();

        // Assert
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task AnErrorResponseWithoutTheHeadersIsFound()
    {
        // Arrange: a copy of the OpenAI spec whose models list leaves out retry-after-ms on its error response.
        var root = GatewaySpecs.RepositoryRoot;
        using var folder = new TempFolder();
        var text = await File.ReadAllTextAsync(Path.Combine(root, "openapi", "openai.yaml"));
        const string Declaration = "            retry-after-ms:\n              $ref: \"#/components/headers/retry-after-ms\"\n";
        var first = text.IndexOf(Declaration, StringComparison.Ordinal);
        Assert.True(first > 0, "the OpenAI spec no longer declares retry-after-ms the way this test removes it");
        var openAi = Path.Combine(folder.Path, "openai.yaml");
        await File.WriteAllTextAsync(openAi, text.Remove(first, Declaration.Length));
        var specs = await GatewaySpecs.LoadAsync(openAi, Path.Combine(root, "openapi", "anthropic.yaml"));

        // Act
        var missing = Undeclared(specs.OpenAi).ToList();

        // Assert
        Assert.Equal(["openai.yaml GET /v1/models default: retry-after-ms"], missing);
    }

    [Theory]
    [MemberData(nameof(Cassettes))]
    public async Task EveryRetryWaitHeaderACassetteSendsIsDeclaredForItsResponse(string cassette)
    {
        // Arrange
        var specs = await GatewaySpecs.LoadRepositoryAsync();

        // Act: each failed answer that carries a retry-wait header, against the response the spec gives that status.
        var undeclared = new List<string>();
        foreach (var interaction in EmbeddedCassettes.Get(cassette).Interactions)
        {
            var response = interaction.Response;
            if (response.Status < 400 || response.Headers is null) continue;
            var surface = specs.SurfaceOf(interaction.Request.Path);
            var operation = surface.Operation(interaction.Request.Method, interaction.Request.Path);
            if (operation is null) continue; // An unknown path's answer has no operation to declare anything on.
            var declared = ResponseFor(operation, response.Status)?.ActualResponse.Headers.Keys ?? [];
            foreach (var name in response.Headers.Keys.Where(h => RetryWaitHeaders.Contains(h, StringComparer.OrdinalIgnoreCase)))
                if (!declared.Contains(name, StringComparer.OrdinalIgnoreCase))
                    undeclared.Add($"{interaction.Request.Method} {interaction.Request.Path} {response.Status}: {name}");
        }

        // Assert
        Assert.True(undeclared.Count == 0, string.Join("\n", undeclared));
    }

    /// <summary>Every embedded cassette with a failed answer carrying a retry-wait header.</summary>
    public static TheoryData<string> Cassettes => new(EmbeddedCassettes.Names.Where(name => EmbeddedCassettes.Get(name).Interactions.Any(
        i => i.Response.Status >= 400 && i.Response.Headers?.Keys.Any(h => RetryWaitHeaders.Contains(h, StringComparer.OrdinalIgnoreCase)) == true)));

    /// <summary>"spec METHOD path key: header" for each error response (every non-2xx key) lacking a retry-wait header.</summary>
    private static IEnumerable<string> Undeclared(SpecSurface surface)
    {
        foreach (var (path, item) in surface.Validator.Document.Paths)
            foreach (var (method, operation) in item.ActualPathItem)
                foreach (var (key, response) in operation.Responses.Where(r => !r.Key.StartsWith('2')))
                    foreach (var header in RetryWaitHeaders.Where(h => !response.ActualResponse.Headers.ContainsKey(h)))
                        yield return $"{surface.Name}.yaml {method.ToUpperInvariant()} {path} {key}: {header}";
    }

    private static OpenApiResponse? ResponseFor(OpenApiOperation operation, int status)
    {
        var key = new[] { status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{status / 100}XX", "default" }
            .FirstOrDefault(operation.Responses.ContainsKey);
        return key is null ? null : operation.Responses[key];
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ezrouter-spec-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
