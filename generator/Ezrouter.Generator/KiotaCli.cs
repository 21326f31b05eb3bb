using System.Diagnostics;
using System.Text;
using Ezrouter.Generator.Model;

namespace Ezrouter.Generator;

/// <summary>
/// Runs the Kiota CLI pinned in .config/dotnet-tools.json (<c>dotnet kiota</c>) for one surface, from the repository
/// root with relative paths, so kiota-lock.json records the same descriptionLocation wherever the tree lives.
/// Offline and quiet: no update check, no telemetry, no colours; Kiota's .kiota.log (timestamped) is not kept.
/// </summary>
public static class KiotaCli
{
    /// <summary>The options every generation uses: the Json-only client shape, without Kiota 1's compatibility members.</summary>
    public static IReadOnlyList<string> Arguments(SurfaceConfig surface) =>
    [
        "kiota", "generate",
        "--language", "CSharp",
        "--openapi", surface.SpecPath,
        "--output", surface.KiotaOutputDirectory,
        "--class-name", surface.ClientName,
        "--namespace-name", surface.Namespace,
        "--exclude-backward-compatible",
        "--clean-output",
        "--log-level", "Warning",
        "--serializer", "Microsoft.Kiota.Serialization.Json.JsonSerializationWriterFactory",
        "--deserializer", "Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory",
        "--structured-mime-types", "application/json",
    ];

    /// <summary>Generates <paramref name="surface"/>'s client under <paramref name="repositoryRoot"/>; throws with Kiota's output on failure.</summary>
    public static async Task GenerateAsync(string repositoryRoot, SurfaceConfig surface, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(DotNet)
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(surface)) start.ArgumentList.Add(argument);
        // Only these settings: a KIOTA_* variable of the caller's could change what is generated.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("KIOTA_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_CONSOLE_COLORS_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // flushes the output readers
        var log = Path.Combine(repositoryRoot, surface.KiotaOutputDirectory, ".kiota.log");
        if (File.Exists(log)) File.Delete(log);
        string text;
        lock (output) text = output.ToString();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet kiota failed for {surface.SpecPath} (exit code {process.ExitCode}); run `dotnet tool restore` first if the tool is missing.\n{text}");
        // Kiota warns (an unsupported shape it generated something lossy for) but still exits 0: the specs must not.
        var warnings = text.Split('\n').Where(l => l.TrimStart().StartsWith("warn", StringComparison.OrdinalIgnoreCase)).ToList();
        if (warnings.Count > 0)
            throw new InvalidOperationException($"Kiota warned on {surface.SpecPath}; fix the spec (openapi/README.md):\n{text}");
        // Part of generating the client: the committed output and every drift check see the rewritten models.
        KiotaModelRewrite.RewriteDirectory(Path.Combine(repositoryRoot, surface.KiotaOutputDirectory));
    }

    /// <summary>The host running this process when it is dotnet, else dotnet from PATH.</summary>
    private static string DotNet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
