namespace Ezrouter.PackageTests;

// The consumer app the packed-package tests build and run: its project, program and NuGet config.
public sealed partial class PackedPackageTests
{
    private void WriteConsumer(string consumer)
    {
        Directory.CreateDirectory(consumer);
        // Empty Directory.Build.* and a non-central Directory.Packages.props stop MSBuild's upward search here, so the
        // consumer sees nothing of the repository; the repository's global.json pins the same SDK.
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        File.Copy(Path.Combine(feed.RepositoryRoot, "global.json"), Path.Combine(consumer, "global.json"));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), NuGetConfig(consumer));

        // Kiota's HTTP library at 2.1.6, referenced directly as another Kiota-based SDK would bring it.
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"),
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Ezrouter" Version="{feed.Version}" />
                <PackageReference Include="Ezrouter.Testing" Version="{feed.Version}" />
                <PackageReference Include="Ezrouter.Extensions.AI" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="{KiotaVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"),
            """"
            using System.Reflection;
            using System.Text;
            using System.Text.Json;
            using Ezrouter;
            using Ezrouter.Generated.OpenAi;
            using Ezrouter.Generated.OpenAi.Models;
            using Ezrouter.Testing;
            using Microsoft.Kiota.Abstractions.Authentication;
            using Microsoft.Kiota.Http.HttpClientLibrary;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            // The recorded gateway from Ezrouter.Testing: the embedded cassettes on a free loopback port.
            await using var gateway = await RecordedGateway.StartAsync();

            // The generated client alone, on a plain adapter from the Kiota this app references itself.
            using var http = new HttpClient();
            var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = gateway.BaseUrl.ToString().TrimEnd('/') };
            var models = await new OpenAiClient(adapter).V1.Models.GetAsync();
            var claude = models?.Data?.FirstOrDefault(m => m.Id == "claude-sonnet-4-6");
            var claudeSurfaces = claude?.SupportedEndpointTypes is { } surfaces ? string.Join(",", surfaces) : "-";
            Console.WriteLine($"models: {models?.Data?.Count} (claude-sonnet-4-6 on {claudeSurfaces})");

            // The SDK: a non-stream chat (the gateway answers it with SSE) and a stream. The cassettes match these prompts.
            using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-consumer", BaseUrl = gateway.BaseUrl });
            var chat = await client.Chat.CompleteAsync(new CreateChatCompletionRequest
            {
                Model = "claude-sonnet-4-6",
                Stream = false,
                Messages =
                [
                    new() { ChatCompletionRequestSystemMessage = new() { Role = "system", Content = new() { String = "You are a helpful assistant." } } },
                    new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hello!" } } },
                ],
            });
            var answer = chat.Value.Choices?.FirstOrDefault()?.Message?.Content ?? "";
            Console.WriteLine($"chat: {answer}");

            var stream = client.Chat.CompleteStreamingAsync(new CreateChatCompletionRequest
            {
                Model = "claude-sonnet-4-6",
                Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Count to five." } } }],
            });
            var events = 0;
            var streamed = new StringBuilder();
            await foreach (var chunk in stream)
            {
                events++;
                streamed.Append(chunk.Choices?.FirstOrDefault()?.Delta?.Content);
            }
            Console.WriteLine($"stream: {events} chunks, {stream.Outcome}: {streamed}");

            // DI (Ezrouter) and IChatClient (Ezrouter.Extensions.AI), as an app host would wire them.
            var services = new ServiceCollection();
            services.AddEzrouter(o => { o.ApiKey = "sk-consumer-di"; o.BaseUrl = gateway.BaseUrl; });
            services.AddEzrouterChatClient("claude-sonnet-4-6");
            await using var provider = services.BuildServiceProvider();
            var viaChatClient = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hello!");
            Console.WriteLine($"chat client: {viaChatClient.Text}");

            // Every Kiota assembly the runtime loaded, by the version of the package it came from.
            var kiota = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => a.GetName().Name?.StartsWith("Microsoft.Kiota.", StringComparison.Ordinal) == true)
                .Select(a => $"{a.GetName().Name}@{a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? a.GetName().Version?.ToString()}")
                .Order(StringComparer.Ordinal);
            Console.WriteLine($"ok kiota={string.Join(",", kiota)} models={models?.Data?.Count ?? 0} claude={claudeSurfaces} stream={events} outcome={stream.Outcome} chatclient={viaChatClient.Text.Length} chat={JsonSerializer.Serialize(answer)}");
            """");
    }

    /// <summary>
    /// The local feed plus nuget.org. Packages restore into a private folder so a stale copy of one of our packages at
    /// this version in the user's cache cannot stand in for the one just packed; that cache serves as a read-only
    /// fallback for the rest (Kiota and the others) unless it holds such a stale copy.
    /// </summary>
    private string NuGetConfig(string consumer)
    {
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var stale = PackedFeed.PackageIds.Any(id => Directory.Exists(Path.Combine(userPackages, id.ToLowerInvariant(), feed.Version.ToLowerInvariant())));
        var fallback = Directory.Exists(userPackages) && !stale
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
                <add key="globalPackagesFolder" value="{Path.Combine(consumer, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            {fallback}
            </configuration>
            """;
    }
}
