using System.Text;
using Ezrouter.Generator.Loading;
using Ezrouter.Generator.Model;

namespace Ezrouter.Generator.Tests;

/// <summary>Runs an inline YAML spec through the whole pipeline as the made-up "Acme" client.</summary>
public static class AcmeSpec
{
    public static SurfaceConfig Surface { get; } = new("openapi/acme.yaml", "Acme.Client", "AcmeClient", "out/Acme/Kiota", "out/Acme");

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

    /// <summary>
    /// What the generator emits for the spec (SSE event types, readers, writers), plus every other type through the
    /// same emitters: the real build leaves those to Kiota, but the emitters are tested on every kind of schema.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> GenerateAsync(string body)
    {
        var model = await BuildAsync(body);
        var files = new SortedDictionary<string, string>(ClientGenerator.Emit(model).ToDictionary(), StringComparer.Ordinal);
        var types = new Ezrouter.Generator.Emitting.CSharpTypes(model.Surface.Namespace);
        foreach (var type in model.Types)
        {
            files.TryAdd($"Models/{type.Name}.cs", type switch
            {
                ObjectDef o => new Ezrouter.Generator.Emitting.ModelEmitter(types).Emit(o),
                UnionDef u => new Ezrouter.Generator.Emitting.UnionEmitter(types).Emit(u),
                EnumDef e => new Ezrouter.Generator.Emitting.EnumEmitter(types).Emit(e),
                _ => throw new InvalidOperationException(type.GetType().Name),
            });
        }
        return files;
    }
}
