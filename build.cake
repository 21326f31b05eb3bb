// The pipeline: Generate -> Build -> Test -> Pack.
//   dotnet tool restore && dotnet cake --target=Generate   regenerates both clients from openapi/
//   dotnet tool restore && dotnet cake --target=Test       builds and runs every test (what CI runs)
//   dotnet tool restore && dotnet cake --target=Pack       writes the NuGet packages to artifacts/
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
    foreach (var project in new[] { "./src/Ezrouter.Generated/Ezrouter.Generated.csproj", "./src/Ezrouter/Ezrouter.csproj", "./src/Ezrouter.Testing/Ezrouter.Testing.csproj" })
    {
        DotNetPack(project, new DotNetPackSettings { Configuration = configuration, NoBuild = true, OutputDirectory = artifacts });
    }
});

RunTarget(target);
