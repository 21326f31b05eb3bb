using NSwag;

namespace Ezrouter.ContractTests.Schema;

/// <summary>Both specs of the gateway (openapi/openai.yaml and openapi/anthropic.yaml), and which one serves a path.</summary>
public sealed class GatewaySpecs
{
    /// <summary>The repository checkout these tests run from (the directory that holds Ezrouter.Generated.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot(AppContext.BaseDirectory);

    private static readonly Lazy<Task<GatewaySpecs>> Repository = new(() => LoadAsync(
        Path.Combine(RepositoryRoot, "openapi", "openai.yaml"),
        Path.Combine(RepositoryRoot, "openapi", "anthropic.yaml")));

    private GatewaySpecs(SpecSurface openAi, SpecSurface anthropic)
    {
        OpenAi = openAi;
        Anthropic = anthropic;
        AnthropicAtRoot = new SpecSurface(anthropic.Name, string.Empty, anthropic.Validator);
    }

    /// <summary>The Anthropic spec served at the gateway's root, as EzAI does (<c>/v1/messages...</c>, docs/gateway-behavior.md §23).</summary>
    public SpecSurface AnthropicAtRoot { get; }

    /// <summary>The OpenAI-compatible surface (<c>/v1/...</c>).</summary>
    public SpecSurface OpenAi { get; }

    /// <summary>The Anthropic-compatible surface (<c>/anthropic/v1/...</c>).</summary>
    public SpecSurface Anthropic { get; }

    /// <summary>The repository's specs as they are on disk, loaded once with NSwag.</summary>
    public static Task<GatewaySpecs> LoadRepositoryAsync() => Repository.Value;

    /// <summary>Loads two spec files with NSwag (also for tests that change a copy of a spec).</summary>
    public static async Task<GatewaySpecs> LoadAsync(string openAiPath, string anthropicPath)
    {
        var openAi = await OpenApiYamlDocument.FromFileAsync(openAiPath);
        var anthropic = await OpenApiYamlDocument.FromFileAsync(anthropicPath);
        return new GatewaySpecs(
            new SpecSurface("openai", string.Empty, new SpecSchemaValidator(openAi)),
            new SpecSurface("anthropic", "/anthropic", new SpecSchemaValidator(anthropic)));
    }

    /// <summary>
    /// The surface a gateway path belongs to: <c>/anthropic/...</c> is the Anthropic spec; <c>/v1/messages...</c>, which
    /// only the Anthropic spec has, is that spec at the root (EzAI's layout); the rest the OpenAI one.
    /// </summary>
    public SpecSurface SurfaceOf(string gatewayPath) =>
        gatewayPath.StartsWith(Anthropic.Prefix + "/", StringComparison.Ordinal) ? Anthropic
        : gatewayPath == "/v1/messages" || gatewayPath.StartsWith("/v1/messages/", StringComparison.Ordinal) ? AnthropicAtRoot
        : OpenAi;

    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ezrouter.Generated.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Ezrouter.Generated.sln above {start}");
    }
}
