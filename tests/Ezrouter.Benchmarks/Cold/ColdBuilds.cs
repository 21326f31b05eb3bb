using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Load;

namespace Ezrouter.Benchmarks.Cold;

/// <summary>
/// The three ways the cold-start probe (samples/Ezrouter.ColdStart) is published into artifacts/cold/&lt;build&gt;:
/// JIT (framework-dependent, the default), ReadyToRun (framework-dependent, precompiled IL), Native AOT (one native
/// file; clang-14 is this machine's C compiler, as in the AotSmoke Cake target).
/// </summary>
internal static class ColdBuilds
{
    public const string Jit = "jit";
    public const string ReadyToRun = "r2r";
    public const string Aot = "aot";

    public static readonly string[] All = [Jit, ReadyToRun, Aot];

    private const string Project = "samples/Ezrouter.ColdStart/Ezrouter.ColdStart.csproj";

    public static string Directory(string build) => Path.Combine(BenchProcess.RepositoryRoot(), "artifacts", "cold", build);

    /// <summary>The probe's executable: the app host for JIT and ReadyToRun (no <c>dotnet</c> muxer), the native file for AOT.</summary>
    public static string Executable(string build) => Path.Combine(Directory(build), "Ezrouter.ColdStart");

    public static async Task PublishAsync(string build, bool quiet)
    {
        var extra = build switch
        {
            Jit => "",
            ReadyToRun => "-r linux-x64 --self-contained false -p:PublishReadyToRun=true",
            Aot => "-r linux-x64 -p:ColdStartAot=true -p:CppCompilerAndLinker=clang-14",
            _ => throw new ArgumentOutOfRangeException(nameof(build), build, "unknown build"),
        };
        var output = Directory(build);
        if (!quiet) Console.WriteLine($"cold: publishing the {build} probe into {output} ...");
        var start = new ProcessStartInfo("dotnet", $"publish {Project} -c Release {extra} -o \"{output}\" -nologo")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = BenchProcess.RepositoryRoot(),
        };
        // The benchmark's own tiering setting is not the probe's, nor the build's.
        start.Environment.Remove(Tiering.DelayVariable);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0 || !File.Exists(Executable(build)))
        {
            var lines = ((await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false))).Split('\n');
            throw new InvalidOperationException($"publishing the {build} probe failed:\n" + string.Join('\n', lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20)));
        }
    }

    /// <summary>Size on disk: the native file for AOT; the app's own files for the others (the shared runtime not counted).</summary>
    public static double SizeMb(string build)
    {
        var files = build == Aot ? [new FileInfo(Executable(build))] : new DirectoryInfo(Directory(build)).GetFiles().Where(f => f.Extension != ".pdb" && f.Extension != ".dbg");
        return files.Sum(f => f.Length) / 1048576.0;
    }

    public static IReadOnlyList<string> Parse(string[] args) =>
        Array.IndexOf(args, "--builds") is var b and >= 0 && b + 1 < args.Length ? args[b + 1].Split(',') : [Jit];
}
