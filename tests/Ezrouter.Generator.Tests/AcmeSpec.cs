using System.Text;
using Ezrouter.Generator.Loading;
using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Tests;

/// <summary>Runs an inline YAML spec through the whole pipeline as the made-up "Acme" client.</summary>
public static class AcmeSpec
{
    public static SurfaceConfig Surface { get; } = new("openapi/acme.yaml", "Acme.Client", "AcmeClient", "out/Acme");

    /// <summary>The usual header (openapi, info, servers) followed by <paramref name="body"/> (paths and components).</summary>
    public static string Document(string body) =>
        """
        openapi: "3.0.3"
        info:
          title: "Acme API"
          version: "1.0.0"
        servers:
          - url: "https://api.acme.test/"
        """ + "\n" + body;

    public static async Task<ApiModel> BuildAsync(string body)
    {
        var spec = await SpecLoader.LoadAsync(Encoding.UTF8.GetBytes(Document(body)), Surface.SpecPath);
        return ModelBuilder.Build(spec, Surface);
    }

    public static async Task<IReadOnlyDictionary<string, string>> GenerateAsync(string body) =>
        ClientGenerator.Emit(await BuildAsync(body));
}
