using System.Diagnostics;
using System.Text;
using Ezrouter.ContractTests.Schema;

namespace Ezrouter.ContractTests.SpecCheck;

/// <summary>
/// Runs build/SpecCheck's target (openapi/README.md, "NSwag checks the specs") with MSBuild, as the build does, with
/// its stamps in a directory of the caller's so the build's own stamps are neither used nor touched.
/// </summary>
public static class SpecCheckRun
{
    private static readonly string Project = Path.Combine(GatewaySpecs.RepositoryRoot, "build", "SpecCheck", "SpecCheck.csproj");

    /// <summary>
    /// Checks <paramref name="specs"/> (every openapi/*.yaml when none are given); the exit code and everything
    /// MSBuild printed. No restore: building the contract tests built, and so restored, build/SpecCheck.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string stampDirectory, params string[] specs)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = GatewaySpecs.RepositoryRoot,
        };
        foreach (var argument in new[] { "msbuild", Project, "-t:CheckSpecsWithNSwag", "-nologo", "-v:m", "-tl:off", "-nodeReuse:false", $"-p:NSwagSpecCheckStampDir={stampDirectory}" })
            start.ArgumentList.Add(argument);
        if (specs.Length > 0) start.ArgumentList.Add($"-p:NSwagSpecs=\"{string.Join(';', specs)}\"");
        // Under dotnet test, MSBuild's own variables would tie the child build to the parent's.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, new StringBuilder(await stdout).Append(await stderr).ToString());
    }
}
