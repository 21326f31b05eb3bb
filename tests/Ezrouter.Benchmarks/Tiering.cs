using System;
using System.Diagnostics;
using System.IO;

namespace Ezrouter.Benchmarks;

/// <summary>
/// Runtime: tiered compilation promotes methods to optimized code only after 100 ms without new tier-0 JIT work, and
/// a benchmark that keeps reaching new code (three SDKs, Kiota, generated models) keeps pushing that back: the first
/// cases were measured half-optimized for seconds. <c>DOTNET_TC_CallCountingDelayMs=0</c> removes the delay (code still
/// tiers up with PGO, just without waiting), and it is read only at start-up, so the harness starts itself again
/// with it set.
/// </summary>
internal static class Tiering
{
    public const string DelayVariable = "DOTNET_TC_CallCountingDelayMs";

    public static bool IsSettled => Environment.GetEnvironmentVariable(DelayVariable) == "0";

    /// <summary>Runs this program again with the delay removed, forwarding the arguments and console; returns its exit code.</summary>
    public static int Restart(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(Tiering).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[DelayVariable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not restart the benchmark process.");
        child.WaitForExit();
        return child.ExitCode;
    }
}
