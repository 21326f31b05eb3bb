// The pipeline: Generate -> Build -> Test -> Pack.
//   dotnet tool restore && dotnet cake --target=Generate   regenerates both clients from openapi/
//   dotnet tool restore && dotnet cake --target=Test       builds and runs every test (what CI runs)
//   dotnet tool restore && dotnet cake --target=Pack       writes the NuGet packages to artifacts/
//   dotnet tool restore && dotnet cake --target=Mutation   Stryker over src/Ezrouter (not part of Test or CI: it takes
//                                                          tens of minutes); reports in artifacts/mutation/reports/
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
    .IsDependentOn("Build")
    .Does(() =>
{
    foreach (var project in new[] { "./src/Ezrouter.Generated/Ezrouter.Generated.csproj", "./src/Ezrouter/Ezrouter.csproj", "./src/Ezrouter.Testing/Ezrouter.Testing.csproj", "./src/Ezrouter.Cli/Ezrouter.Cli.csproj" })
    {
        DotNetPack(project, new DotNetPackSettings { Configuration = configuration, NoBuild = true, OutputDirectory = artifacts });
    }
});

Task("Mutation")
    .Description("Mutation testing: dotnet-stryker (pinned in .config/dotnet-tools.json) mutates src/Ezrouter and runs "
        + "tests/Ezrouter.Tests against each mutant, with build/stryker-config.json. Not a dependency of Test: CI never runs it. "
        + "--mutate=<glob>[;<glob>…] narrows the files (globs as in Stryker's --mutate), --concurrency=N overrides the config's.")
    .Does(() =>
{
    // Stryker runs from the test project's folder: run from the repository root it sees the solution and refuses a
    // single test project. Its paths below are relative to that folder.
    var testProject = Directory("./tests/Ezrouter.Tests");
    var output = artifacts + Directory("mutation");
    CleanDirectory(output);
    var arguments = new ProcessArgumentBuilder()
        .Append("--config-file").AppendQuoted(MakeAbsolute(File("./build/stryker-config.json")).FullPath)
        .Append("--output").AppendQuoted(MakeAbsolute(output).FullPath)
        .Append("--skip-version-check");
    foreach (var glob in Argument("mutate", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        arguments.Append("--mutate").AppendQuoted(glob);
    }
    var concurrency = Argument("concurrency", "");
    if (concurrency != "")
    {
        arguments.Append("--concurrency").Append(concurrency);
    }
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("tool").Append("run").Append("dotnet-stryker").Append("--").Append(arguments.Render()),
        WorkingDirectory = MakeAbsolute(testProject),
    });
    if (exitCode != 0)
    {
        throw new CakeException($"dotnet-stryker exited with code {exitCode}.");
    }

    // The score as Stryker counts it: (killed + timeout) / (killed + timeout + survived + no coverage); compile errors
    // and ignored mutants are not counted.
    var report = GetFiles(output.Path.FullPath + "/**/mutation-report.json").Single();
    using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(report.FullPath));
    var counts = new Dictionary<string, int>();
    foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
    {
        foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
        {
            var status = mutant.GetProperty("status").GetString();
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }
    }
    int Count(string status) => counts.GetValueOrDefault(status);
    var detected = Count("Killed") + Count("Timeout");
    var valid = detected + Count("Survived") + Count("NoCoverage");
    Information("Mutation score: {0:0.00} % ({1} killed, {2} timeout, {3} survived, {4} no coverage; {5} compile errors, {6} ignored)",
        valid == 0 ? 0 : 100.0 * detected / valid, Count("Killed"), Count("Timeout"), Count("Survived"), Count("NoCoverage"),
        Count("CompileError"), Count("Ignored"));
    Information("Report: {0}", System.IO.Path.ChangeExtension(report.FullPath, ".html"));
});

RunTarget(target);
