using System.Text;
using Ezrouter.Generator.Emitting;
using Ezrouter.Generator.Loading;
using Ezrouter.Generator.Model;

namespace Ezrouter.Generator;

/// <summary>
/// The pipeline, top to bottom: load the spec (stage 1), build the intermediate model (stage 2), emit files
/// (stage 3). <see cref="GenerateAsync"/> returns the files in memory so tests can diff them without touching disk.
/// </summary>
public static class ClientGenerator
{
    /// <summary>The two gateway surfaces, relative to the repository root.</summary>
    public static IReadOnlyList<SurfaceConfig> Surfaces { get; } =
    [
        new("openapi/openai.yaml", "Ezrouter.Generated.OpenAi", "OpenAiClient", "src/Ezrouter.Generated/OpenAi"),
        new("openapi/anthropic.yaml", "Ezrouter.Generated.Anthropic", "AnthropicClient", "src/Ezrouter.Generated/Anthropic"),
    ];

    public static async Task<IReadOnlyDictionary<string, string>> GenerateAsync(string repositoryRoot, SurfaceConfig surface, CancellationToken cancellationToken = default)
    {
        var spec = await SpecLoader.LoadAsync(Path.Combine(repositoryRoot, surface.SpecPath), cancellationToken);
        return Emit(ModelBuilder.Build(spec, surface));
    }

    /// <summary>Stage 3: relative path → file text, ordinal-sorted.</summary>
    public static IReadOnlyDictionary<string, string> Emit(ApiModel model)
    {
        var types = new CSharpTypes(model.Surface.Namespace);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var models = new ModelEmitter(types);
        var unions = new UnionEmitter(types);
        var enums = new EnumEmitter(types);
        foreach (var type in model.Types)
        {
            files[$"Models/{type.Name}.cs"] = type switch
            {
                ObjectDef o => models.Emit(o),
                UnionDef u => unions.Emit(u),
                EnumDef e => enums.Emit(e),
                _ => throw new InvalidOperationException(type.GetType().Name),
            };
        }

        // Beyond Kiota: a Utf8JsonReader reader per stream event type, a Utf8JsonWriter writer per streaming request type.
        var readers = new ReaderEmitter(types);
        EmitPerType(files, model.StreamTypes, "Readers", ReaderEmitter.ReaderName, readers.EmitObject, readers.EmitUnion, "JsonReaderSupport", readers.EmitSupport);
        var writers = new WriterEmitter(types);
        EmitPerType(files, model.StreamRequestTypes, "Writers", WriterEmitter.WriterName, writers.EmitObject, writers.EmitUnion, "JsonWriterSupport", writers.EmitSupport);

        var builders = new RequestBuilderEmitter(types, model.BaseUrl);
        files[$"{model.Root.ClassName}.cs"] = builders.EmitRoot(model.Root);
        foreach (var node in Descendants(model.Root))
        {
            var folder = node.Namespace[(model.Surface.Namespace.Length + 1)..].Replace('.', '/');
            files[$"{folder}/{node.ClassName}.cs"] = builders.Emit(node);
        }
        files[LockFileEmitter.FileName] = LockFileEmitter.Emit(model);
        return files;
    }

    /// <summary>One file per type under <paramref name="folder"/>, then the support file; nothing when there are no types.</summary>
    private static void EmitPerType(SortedDictionary<string, string> files, IReadOnlyList<TypeDef> typesToEmit, string folder, Func<string, string> fileName,
        Func<ObjectDef, string> emitObject, Func<UnionDef, string> emitUnion, string supportName, Func<string> emitSupport)
    {
        if (typesToEmit.Count == 0) return;
        foreach (var type in typesToEmit)
        {
            files[$"{folder}/{fileName(type.Name)}.cs"] = type switch
            {
                ObjectDef o => emitObject(o),
                UnionDef u => emitUnion(u),
                _ => throw new InvalidOperationException(type.GetType().Name),
            };
        }
        files[$"{folder}/{supportName}.cs"] = emitSupport();
    }

    private static IEnumerable<PathNode> Descendants(PathNode node) =>
        node.Children.SelectMany(c => Descendants(c).Prepend(c));

    /// <summary>Rewrites the output folder whole, so files of removed schemas disappear (UTF-8 without BOM, LF).</summary>
    public static void WriteOutput(string directory, IReadOnlyDictionary<string, string> files)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text, encoding);
        }
    }

    /// <summary>Finds the repository root (the folder holding Ezrouter.Generated.sln) from a starting folder.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ezrouter.Generated.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Ezrouter.Generated.sln above {start}");
    }
}
