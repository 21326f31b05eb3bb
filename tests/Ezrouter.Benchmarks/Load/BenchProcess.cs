using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// Starts this benchmark program again as a child (the gateway server, a load client), with the tiering delay
/// already removed (<see cref="Tiering"/>) so it does not restart itself, and with stdout/stdin redirected: a child
/// reports one line the parent parses.
/// </summary>
internal static class BenchProcess
{
    public static Process Start(IEnumerable<string> args, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardInput = redirectInput,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(BenchProcess).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[Tiering.DelayVariable] = "0";
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start a benchmark child process.");
    }

    /// <summary>The process's CPU time so far (user + system), read fresh.</summary>
    public static TimeSpan CpuOf(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The repository root (where the solution file is), searched upwards from the program's folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ezrouter.Generated.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (Ezrouter.Generated.sln) above " + AppContext.BaseDirectory);
    }
}
