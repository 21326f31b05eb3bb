using System.Text;
using Ezrouter.Generator.Emitting;
using Ezrouter.Generator.Loading;
using Ezrouter.Generator.Model;

namespace Ezrouter.Generator;

/// <summary>
/// What Kiota does not generate, after Kiota has run: load the spec (stage 1), build the intermediate model and bind
/// it to Kiota's output (stage 2), emit the SSE event types, the readers of events and JSON answers, and the request writers (stage 3).
/// <see cref="GenerateAsync"/> returns the files in memory so tests can diff them without touching disk.
/// </summary>
public static class ClientGenerator
{
    /// <summary>The two gateway surfaces, relative to the repository root.</summary>
    public static IReadOnlyList<SurfaceConfig> Surfaces { get; } =
    [
        new("openapi/openai.yaml", "Ezrouter.Generated.OpenAi", "OpenAiClient", "src/Ezrouter.Generated/OpenAi", "src/Ezrouter.Generated/Streaming/OpenAi"),
        new("openapi/anthropic.yaml", "Ezrouter.Generated.Anthropic", "AnthropicClient", "src/Ezrouter.Generated/Anthropic", "src/Ezrouter.Generated/Streaming/Anthropic"),
    ];

    public static async Task<IReadOnlyDictionary<string, string>> GenerateAsync(string repositoryRoot, SurfaceConfig surface, CancellationToken cancellationToken = default)
    {
        var spec = await SpecLoader.LoadAsync(Path.Combine(repositoryRoot, surface.SpecPath), cancellationToken);
        var model = KiotaShapes.Bind(ModelBuilder.Build(spec, surface), Path.Combine(repositoryRoot, surface.KiotaOutputDirectory, "Models"));
        return Emit(model);
    }

    /// <summary>Stage 3: relative path → file text, ordinal-sorted.</summary>
    public static IReadOnlyDictionary<string, string> Emit(ApiModel model)
    {
        var types = new CSharpTypes(model.Surface.Namespace);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var models = new ModelEmitter(types);
        var unions = new UnionEmitter(types);
        var enums = new EnumEmitter(types);
        foreach (var type in model.SseOnlyTypes)
        {
            files[$"Models/{type.Name}.cs"] = type switch
            {
                ObjectDef o => models.Emit(o),
                UnionDef u => unions.Emit(u),
                EnumDef e => enums.Emit(e),
                _ => throw new InvalidOperationException(type.GetType().Name),
            };
        }

        // A Utf8JsonReader reader per type an SSE event or a JSON answer reaches, with a lookup by the model a call
        // expects; a Utf8JsonWriter writer per streaming request type.
        var readers = new ReaderEmitter(types);
        EmitPerType(files, model.ReaderTypes, "Readers", ReaderEmitter.ReaderName, readers.EmitObject, readers.EmitUnion);
        if (model.JsonAnswerTypes.Count > 0) files[$"Readers/{ReaderEmitter.DispatchName}.cs"] = readers.EmitDispatch(model.JsonAnswerTypes);
        var writers = new WriterEmitter(types);
        EmitPerType(files, model.StreamRequestTypes, "Writers", WriterEmitter.WriterName, writers.EmitObject, writers.EmitUnion);
        if (model.StreamRequestTypes.Count > 0) files[$"Writers/{WriterEmitter.DispatchName}.cs"] = writers.EmitDispatch(model.StreamRequestTypes.OfType<ObjectDef>());
        files[LockFileEmitter.FileName] = LockFileEmitter.Emit(model);
        return files;
    }

    /// <summary>One file per type under <paramref name="folder"/>.</summary>
    private static void EmitPerType(SortedDictionary<string, string> files, IReadOnlyList<TypeDef> typesToEmit, string folder, Func<string, string> fileName,
        Func<ObjectDef, string> emitObject, Func<UnionDef, string> emitUnion)
    {
        foreach (var type in typesToEmit)
        {
            files[$"{folder}/{fileName(type.Name)}.cs"] = type switch
            {
                ObjectDef o => emitObject(o),
                UnionDef u => emitUnion(u),
                _ => throw new InvalidOperationException(type.GetType().Name),
            };
        }
    }

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
