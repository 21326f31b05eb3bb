using System.CommandLine;
using System.CommandLine.Parsing;

namespace Ezrouter.Cli.Options;

/// <summary>System.CommandLine's parse errors as one line that names the option or argument at fault.</summary>
internal static class ParseErrors
{
    /// <summary>The value for a validator, or default when it did not convert (that error is already reported).</summary>
    public static T? Value<T>(SymbolResult result)
    {
        try
        {
            return result switch
            {
                OptionResult option => option.GetValueOrDefault<T>(),
                ArgumentResult argument => argument.GetValueOrDefault<T>(),
                _ => default,
            };
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    public static string Describe(ParseResult parse)
    {
        // An unknown word explains the rest ("command not provided" follows from a mistyped command).
        var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        var message = System.Text.RegularExpressions.Regex.Replace(Hosting.CliConsole.OneLine(first.Message), @"as expected type '([^']+)'",
            m => m.Groups[1].Value.Contains("Int", StringComparison.Ordinal) ? "as a whole number" : m.Groups[1].Value.Contains("Double", StringComparison.Ordinal) ? "as a number" : m.Value);
        var name = first.SymbolResult switch
        {
            OptionResult option => option.Option.Name,
            ArgumentResult { Parent: OptionResult option } => option.Option.Name,
            ArgumentResult argument => $"<{argument.Argument.Name}>",
            _ => null,
        };
        if (name is not null && !message.Contains(name.Trim('<', '>'), StringComparison.Ordinal)) message = $"{name}: {message}";
        return parse.Errors.Count > 1 ? $"{message} (and {parse.Errors.Count - 1} more)" : message;
    }
}
