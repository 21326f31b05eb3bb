using Ezrouter.Generator;
using Ezrouter.Generator.Loading;

// Usage: Ezrouter.Generator [--root <repository root>]
// Regenerates every client listed in ClientGenerator.Surfaces from its spec under openapi/.
var root = args.Length == 2 && args[0] == "--root" ? Path.GetFullPath(args[1]) : ClientGenerator.FindRepositoryRoot(Directory.GetCurrentDirectory());
try
{
    foreach (var surface in ClientGenerator.Surfaces)
    {
        var files = await ClientGenerator.GenerateAsync(root, surface);
        ClientGenerator.WriteOutput(Path.Combine(root, surface.OutputDirectory), files);
        Console.WriteLine($"{surface.SpecPath} -> {surface.OutputDirectory} ({files.Count} files)");
    }
    return 0;
}
catch (SpecException e)
{
    Console.Error.WriteLine($"spec error: {e.Message}");
    return 1;
}
