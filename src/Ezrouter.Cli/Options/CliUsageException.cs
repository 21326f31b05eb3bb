namespace Ezrouter.Cli.Options;

/// <summary>A problem with how the CLI was called, found before any request: exit code 2, the message and a hint on stderr.</summary>
public sealed class CliUsageException(string message, string hint) : Exception(message)
{
    public string Hint { get; } = hint;
}
