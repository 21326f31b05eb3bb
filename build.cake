// The pipeline: Generate -> Build -> Test -> Pack.
//   dotnet tool restore && dotnet cake --target=Generate   regenerates both clients from openapi/
//   dotnet tool restore && dotnet cake --target=Test       builds and runs every test (what CI runs)
//   dotnet tool restore && dotnet cake --target=Pack       writes the NuGet packages to artifacts/
//   dotnet tool restore && dotnet cake --target=Mutation   Stryker over src/Ezrouter (not part of Test or CI: it takes
//                                                          tens of minutes); reports in artifacts/mutation/<label>/,
//                                                          tasks in build/mutation.cake
//   dotnet tool restore && dotnet cake --target=AotSmoke [--cc=clang-14] [--rid=RID]   Native AOT publish of samples/Ezrouter.AotSmoke, run against
//                                                          the recorded gateway (outside CI); artifacts/aot-smoke/report.md
#load "build/mutation.cake"

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./Ezrouter.Generated.sln";
var artifacts = Directory("./artifacts");

Task("Generate")
    .Description("Regenerates src/Ezrouter.Generated from the specs in openapi/: the Kiota CLI, then our additions.")
    .Does(() =>
{
    // NSwag checks the specs first (build/SpecCheck): an invalid spec stops here with NSwag's message.
    DotNetBuild("./build/SpecCheck/SpecCheck.csproj", new DotNetBuildSettings { Configuration = configuration });
    // The generator runs the Kiota CLI pinned in .config/dotnet-tools.json for each spec, offline, then writes what
    // Kiota does not generate (SSE event types, Utf8JsonReader readers, Utf8JsonWriter writers).
    DotNetRun("./generator/Ezrouter.Generator/Ezrouter.Generator.csproj", new ProcessArgumentBuilder().Append("--root").AppendQuoted(MakeAbsolute(Directory(".")).FullPath),
        new DotNetRunSettings { Configuration = configuration });
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    var results = artifacts + Directory("test-results");
    CleanDirectory(results);
    DotNetTest(solution, new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Loggers = new[] { "trx" },
        ResultsDirectory = results,
    });
});

Task("Pack")
    // No Build dependency: each pack below is the build (a deterministic one); building the solution first built
    // every project twice, once with build-machine paths that the pack then threw away.
    .Does(() =>
{
    foreach (var project in new[] { "./src/Ezrouter.Generated/Ezrouter.Generated.csproj", "./src/Ezrouter/Ezrouter.csproj", "./src/Ezrouter.Testing/Ezrouter.Testing.csproj", "./src/Ezrouter.Extensions.AI/Ezrouter.Extensions.AI.csproj", "./src/Ezrouter.Cli/Ezrouter.Cli.csproj" })
    {
        // Not NoBuild: a release pack is its own deterministic build (/_/ paths in the PDBs), validated against 0.1.0.
        DotNetPack(project, new DotNetPackSettings { Configuration = configuration, OutputDirectory = artifacts,
            MSBuildSettings = new DotNetMSBuildSettings().WithProperty("ContinuousIntegrationBuild", "true") });
    }
});

Task("AotSmoke")
    .Description("Publishes samples/Ezrouter.AotSmoke with Native AOT, fails on any trim/AOT warning from our assemblies, "
        + "runs it and its JIT build against the recorded gateway (--runs=N each, default 10) and writes size and start-up "
        + "medians to artifacts/aot-smoke/report.md. Not a dependency of Test: an AOT publish takes minutes.")
    .Does(() =>
{
    var output = artifacts + Directory("aot-smoke");
    CleanDirectory(output);
    var aot = MakeAbsolute(output + Directory("aot")).FullPath;
    var jit = MakeAbsolute(output + Directory("jit")).FullPath;
    var project = "./samples/Ezrouter.AotSmoke/Ezrouter.AotSmoke.csproj";
    // --rid (default: this machine's) and --cc: the native toolchain, e.g. --cc=clang-14 where plain clang is not on
    // the path (this machine); without it the SDK's default is used.
    var rid = Argument("rid", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier);
    var cc = Argument("cc", "");
    var publish = RunCaptured("dotnet", $"publish {project} -c Release -r {rid}{(cc == "" ? "" : $" -p:CppCompilerAndLinker={cc}")} -o \"{aot}\"");
    var warnings = publish.Lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"warning IL\d{4}")).Distinct().ToList();
    // A warning is ours when the member it names (after "ILnnnn: ") is in an Ezrouter namespace.
    var ours = warnings.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"IL\d{4}: (global::)?Ezrouter\.")).ToList();
    if (publish.ExitCode != 0) throw new Exception("AOT publish failed:\n" + string.Join("\n", publish.Lines.TakeLast(30)));
    if (ours.Count > 0) throw new Exception("trim/AOT warnings from our assemblies:\n" + string.Join("\n", ours));
    DotNetPublish(project, new DotNetPublishSettings { Configuration = "Release", OutputDirectory = jit, ArgumentCustomization = a => a.Append("-p:PublishAot=false") });
    DotNetBuild("./src/Ezrouter.Cli/Ezrouter.Cli.csproj", new DotNetBuildSettings { Configuration = "Release" });

    var port = 18000 + System.Environment.ProcessId % 1000;
    using var gateway = StartAndReturnProcess("dotnet", new ProcessSettings
    {
        Arguments = $"src/Ezrouter.Cli/bin/Release/net10.0/Ezrouter.Cli.dll recorded-gateway --port {port}",
        RedirectStandardOutput = true,
    });
    try
    {
        WaitForPort(port);
        var runs = Argument("runs", 10);
        var baseUrl = $"http://127.0.0.1:{port}";
        var aotTimes = Enumerable.Range(0, runs).Select(_ => SmokeRun($"{aot}/Ezrouter.AotSmoke", baseUrl)).ToList();
        var jitTimes = Enumerable.Range(0, runs).Select(_ => SmokeRun("dotnet", $"{jit}/Ezrouter.AotSmoke.dll {baseUrl}")).ToList();
        var aotSize = new System.IO.FileInfo($"{aot}/Ezrouter.AotSmoke").Length;
        var jitSize = new System.IO.DirectoryInfo(jit).GetFiles().Where(f => f.Extension is ".dll" or ".json" || f.Name == "Ezrouter.AotSmoke").Sum(f => f.Length);
        var report = string.Join("\n", new[]
        {
            $"| build | size on disk | first chunk (median of {runs}) | all checks (median) |",
            "|---|---|---|---|",
            $"| Native AOT ({rid}) | {aotSize / 1048576.0:0.0} MB, one file, no runtime needed | {Median(aotTimes, t => t.FirstChunk)} ms | {Median(aotTimes, t => t.Total)} ms |",
            $"| JIT (framework-dependent) | {jitSize / 1048576.0:0.0} MB of assemblies, plus the .NET runtime | {Median(jitTimes, t => t.FirstChunk)} ms | {Median(jitTimes, t => t.Total)} ms |",
            "",
            $"Trim/AOT warnings in the publish: {warnings.Count} ({ours.Count} from our assemblies).",
        });
        System.IO.File.WriteAllText(MakeAbsolute(output + File("report.md")).FullPath, report + "\n");
        Information(report);
    }
    finally
    {
        gateway.Kill();
    }
});

(int ExitCode, List<string> Lines) RunCaptured(string file, string arguments)
{
    using var process = StartAndReturnProcess(file, new ProcessSettings { Arguments = arguments, RedirectStandardOutput = true, RedirectStandardError = true });
    process.WaitForExit();
    return (process.GetExitCode(), process.GetStandardOutput().Concat(process.GetStandardError()).ToList());
}

void WaitForPort(int port)
{
    for (var i = 0; i < 300; i++)
    {
        try { using var probe = new System.Net.Sockets.TcpClient("127.0.0.1", port); return; }
        catch (System.Net.Sockets.SocketException) { System.Threading.Thread.Sleep(100); }
    }
    throw new Exception($"the recorded gateway did not listen on port {port} within 30 s");
}

// One process: every check must pass; its own report of the time from process start to the first chunk and to the end.
(int FirstChunk, int Total) SmokeRun(string file, string arguments)
{
    var run = RunCaptured(file, arguments);
    if (run.ExitCode != 0) throw new Exception($"{file} {arguments} failed:\n" + string.Join("\n", run.Lines));
    int Ms(string prefix) => int.Parse(run.Lines.Single(l => l.StartsWith(prefix)).Split(' ')[prefix.Split(' ').Length]);
    return (Ms("time to first chunk:"), Ms("total:"));
}

static int Median<T>(List<T> items, Func<T, int> value)
{
    var sorted = items.Select(value).OrderBy(v => v).ToList();
    return sorted[sorted.Count / 2];
}

RunTarget(target);
