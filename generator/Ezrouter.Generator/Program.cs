using Ezrouter.Generator;
using Ezrouter.Generator.Loading;

// Usage: Ezrouter.Generator [--root <repository root>]
// For every client in ClientGenerator.Surfaces: the Kiota CLI generates it from its spec under openapi/, then this
// generator adds what Kiota does not (SSE event types, readers, writers).
var root = args.Length == 2 && args[0] == "--root" ? Path.GetFullPath(args[1]) : ClientGenerator.FindRepositoryRoot(Directory.GetCurrentDirectory());
try
{
    foreach (var surface in ClientGenerator.Surfaces)
    {
        await KiotaCli.GenerateAsync(root, surface);
        var files = await ClientGenerator.GenerateAsync(root, surface);
        ClientGenerator.WriteOutput(Path.Combine(root, surface.OutputDirectory), files);
        Console.WriteLine($"{surface.SpecPath} -> {surface.KiotaOutputDirectory} (Kiota), {surface.OutputDirectory} ({files.Count} files)");
    }
    return 0;
}
catch (SpecException e)
{
    Console.Error.WriteLine($"spec error: {e.Message}");
    return 1;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
