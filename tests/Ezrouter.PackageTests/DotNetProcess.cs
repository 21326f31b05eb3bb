using System.Diagnostics;
using System.Text;

namespace Ezrouter.PackageTests;

/// <summary>Runs the <c>dotnet</c> CLI that runs these tests, with output captured for failure messages.</summary>
public static class DotNetProcess
{
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed)
    {
        public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n{Output}";
    }

    /// <summary>The host running the tests (set by the SDK), else <c>dotnet</c> from PATH.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(workingDirectory, timeout, environment: null, arguments);

    /// <param name="environment">Variables to set for the child; a null value removes the variable.</param>
    public static Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        RunProgramAsync(Executable, workingDirectory, timeout, environment, arguments);

    /// <summary>Runs another program (an installed tool's shim) with the same environment rules.</summary>
    public static async Task<Result> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host inherits MSBuild variables from `dotnet test`; a nested build must resolve its own SDK and not
        // leave build servers behind.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) return new Result(-1, $"timed out after {timeout.TotalSeconds:0} s: {Path.GetFileName(program)} {string.Join(' ', arguments)}\n{output}", clock.Elapsed);
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        lock (output) return new Result(process.ExitCode, output.ToString(), clock.Elapsed);
    }
}
