using System.CommandLine;
using Ezrouter.Cli.Commands;

namespace Ezrouter.Cli;

/// <summary>The command tree. Exit codes: 0 success, 1 failure (a typed error, a usage error), 130 cancelled.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("ezrouter: the .NET SDK's command line for the ezrouter LLM gateway. Run `tour` first: it needs no key.\n"
            + "Results go to stdout; on failure, a one-line summary (status, type/code, message, request id) goes to stderr, "
            + "and with --json the error object goes to stdout. Exit codes: 0 success, 1 failure, 130 cancelled.");
        globals.AddTo(root);
        var console = new CliConsole(stdout, stderr);
        root.Subcommands.Add(TourCommand.Create(globals, console));
        root.Subcommands.Add(ModelsCommand.Create(globals, console));
        root.Subcommands.Add(ChatCommand.Create(globals, console));
        root.Subcommands.Add(RecordedGatewayCommand.Create(console));
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}

/// <summary>Where the commands write: stdout carries results (and only JSON with --json), stderr carries messages.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);

/// <summary>Options every command shares.</summary>
public sealed class GlobalOptions
{
    public Option<string?> BaseUrl { get; } = new("--base-url")
    {
        Description = "Gateway base URL (without /v1). Default: $EZROUTER_BASE_URL, else https://www.ezrouter.dev.",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "API key. Default: $EZROUTER_API_KEY. Never printed.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(BaseUrl);
        root.Options.Add(ApiKey);
    }

    public string? ResolveBaseUrl(ParseResult result) =>
        NonEmpty(result.GetValue(BaseUrl)) ?? NonEmpty(Environment.GetEnvironmentVariable("EZROUTER_BASE_URL"));

    public string? ResolveApiKey(ParseResult result) =>
        NonEmpty(result.GetValue(ApiKey)) ?? NonEmpty(Environment.GetEnvironmentVariable("EZROUTER_API_KEY"));

    public EzrouterClient CreateClient(ParseResult result)
    {
        var baseUrl = ResolveBaseUrl(result);
        return new EzrouterClient(new EzrouterClientOptions
        {
            ApiKey = ResolveApiKey(result),
            BaseUrl = baseUrl is null ? EzrouterClientOptions.DefaultBaseUrl : new Uri(baseUrl),
        });
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
