using System.CommandLine;
using System.CommandLine.Parsing;
using Ezrouter.Cli.Commands;
using Ezrouter.Cli.Commands.Chat;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;

namespace Ezrouter.Cli;

/// <summary>
/// The command tree. Exit codes (<see cref="ExitCodes"/>): 0 success, 1 failure, 2 usage error, 130 cancelled
/// (SIGINT, Ctrl+C), 143 terminated (SIGTERM).
/// </summary>
public static class CliApp
{
    public const string Description = "ezrouter: the .NET SDK's command line for the ezrouter LLM gateway. Run `tour` first: it needs no key.\n"
        + "Results go to stdout; on failure, a one-line summary (status, type/code, message, request id) and a hint go to stderr, "
        + "and with --json the error object goes to stdout. Exit codes: 0 success, 1 failure, 2 usage error, 130 cancelled (Ctrl+C), 143 terminated (SIGTERM).";

    /// <summary>Runs in-process, as the tests do: no terminal, no colour; the token stands for Ctrl+C.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliConsole(stdout, stderr), signals: null, cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliConsole console, ShutdownSignals? signals, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals?.Token ?? CancellationToken.None);
        var root = Build(console);
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception e)
        {
            await console.FailAsync($"the command line could not be read: {e.Message}", "run `ezrouter --help` for the commands and options.");
            return ExitCodes.Usage;
        }
        int exit;
        if (parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            await console.FailAsync(ParseErrors.Describe(parse), $"run `ezrouter {CommandPath(parse)}--help` for the options.");
            exit = ExitCodes.Usage;
        }
        else
        {
            // The signals are ours (ShutdownSignals): System.CommandLine's own Ctrl+C handling is off.
            var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
            try
            {
                exit = await parse.InvokeAsync(configuration, linked.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failure outside a command's own guard (help rendering, a bug): still no stack trace.
                var (message, hint) = Failures.Describe(e);
                await console.FailAsync(message, hint);
                exit = ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                exit = ExitCodes.Cancelled;
            }
        }
        if (linked.IsCancellationRequested && exit != ExitCodes.Usage)
        {
            await console.EndLineAsync();
            await console.Error.WriteLineAsync(signals?.Goodbye ?? "cancelled");
            await console.Error.FlushAsync();
            exit = signals?.ExitCode ?? ExitCodes.Cancelled;
        }
        return exit;
    }

    private static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(Description);
        var rootOptions = new RootOptions();
        rootOptions.AddTo(root);
        root.Subcommands.Add(TourCommand.Create(rootOptions, console));
        root.Subcommands.Add(ModelsCommand.Create(rootOptions, console));
        root.Subcommands.Add(ChatCommand.Create(rootOptions, console));
        root.Subcommands.Add(CountTokensCommand.Create(rootOptions, console));
        root.Subcommands.Add(RecordedGatewayCommand.Create(rootOptions, console));
        return root;
    }

    private static string CommandPath(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ";
}
