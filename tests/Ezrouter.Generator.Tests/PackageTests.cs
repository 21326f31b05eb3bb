namespace Ezrouter.Generator.Tests;

/// <summary>The packed Ezrouter.Generated package works for a consumer that has nothing from this repository.</summary>
public sealed class PackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    [Trait("Category", "Package")]
    public async Task PackedPackageCallsTheModelsEndpointFromAThrowawayConsumer()
    {
        var root = RealSpecs.RepositoryRoot;
        var temp = RealSpecs.CreateTempDirectory("ezrouter-package");
        var feed = Path.Combine(temp, "feed");
        var consumer = Path.Combine(temp, "consumer");
        var passed = false;
        try
        {
            // Build output goes to temp too (--artifacts-path), so a concurrent build of the repository is not disturbed.
            var pack = await DotNetCli.RunAsync(root, StepTimeout,
                "pack", Path.Combine(root, "src", "Ezrouter.Generated", "Ezrouter.Generated.csproj"),
                "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(temp, "artifacts"));
            Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {pack}");
            Assert.True(File.Exists(Path.Combine(feed, "Ezrouter.Generated.0.1.0.nupkg")), $"no Ezrouter.Generated.0.1.0.nupkg in {feed}: {pack}");

            WriteConsumer(root, temp, feed, consumer);
            var run = await DotNetCli.RunAsync(consumer, StepTimeout, "run");
            Assert.True(run.ExitCode == 0, $"the consumer failed: {run}");

            var lastLine = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            Assert.True(lastLine == "ok 2 anthropic,openai", $"unexpected consumer output: {run}");
            passed = true;
        }
        finally
        {
            // Kept on failure so the consumer can be inspected.
            if (passed) RealSpecs.DeleteQuietly(temp);
        }
    }

    private static void WriteConsumer(string root, string temp, string feed, string consumer)
    {
        // Empty Directory.Build.* and a non-central Directory.Packages.props stop MSBuild's upward search here, so the
        // consumer sees nothing of the repository; the repository's global.json pins the same SDK.
        File.WriteAllText(Path.Combine(temp, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(temp, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(temp, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        File.Copy(Path.Combine(root, "global.json"), Path.Combine(temp, "global.json"));

        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), NuGetConfig(temp, feed));
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"),
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Ezrouter.Generated" Version="0.1.0" />
                <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="2.1.6" />
                <PackageReference Include="RichardSzalay.MockHttp" Version="6.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"),
            """"
            using Ezrouter.Generated.OpenAi;
            using Microsoft.Kiota.Abstractions.Authentication;
            using Microsoft.Kiota.Http.HttpClientLibrary;
            using RichardSzalay.MockHttp;

            var mock = new MockHttpMessageHandler();
            mock.When(HttpMethod.Get, "https://www.ezrouter.dev/v1/models").Respond("application/json",
                """
                {"object":"list","success":true,"data":[
                  {"id":"claude-sonnet-4-6","object":"model","created":1626777600,"owned_by":"vertex-ai","supported_endpoint_types":["anthropic","openai"]},
                  {"id":"deepseek-v4-flash","object":"model","created":1626777600,"owned_by":"custom","supported_endpoint_types":["openai"]}]}
                """);
            var client = new OpenAiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: new HttpClient(mock)));
            var models = await client.V1.Models.GetAsync();
            var first = models!.Data![0];
            Console.WriteLine($"ok {models.Data.Count} {string.Join(",", first.SupportedEndpointTypes!)}");
            """");
    }

    /// <summary>
    /// The local feed plus nuget.org. Packages restore into a private folder so a stale Ezrouter.Generated 0.1.0 in the
    /// user's cache cannot stand in for the one just packed; that cache serves as a read-only fallback for the rest
    /// (Kiota, MockHttp) unless it holds such a stale copy.
    /// </summary>
    private static string NuGetConfig(string temp, string feed)
    {
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(userPackages) && !Directory.Exists(Path.Combine(userPackages, "ezrouter.generated", "0.1.0"))
            ? $"""
                <fallbackPackageFolders>
                  <clear />
                  <add key="user" value="{userPackages}" />
                </fallbackPackageFolders>
              """
            : string.Empty;
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(temp, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            {fallback}
            </configuration>
            """;
    }
}
