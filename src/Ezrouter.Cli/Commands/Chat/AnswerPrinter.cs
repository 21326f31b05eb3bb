using System.Text.Json;
using Ezrouter.Cli.Hosting;

namespace Ezrouter.Cli.Commands.Chat;

/// <summary>
/// Prints everything the model did, in the order it came: thinking (dimmed, under a <c>thinking</c> heading, unless
/// hidden), text, and tool calls as <c>→ name({"arg":"value"})</c>. The answer always ends with a newline, so a
/// later error line starts on its own line.
/// </summary>
internal sealed class AnswerPrinter(CliConsole console, bool showThinking, Spinner? spinner)
{
    private enum Section { None, Thinking, Text, Tools }

    private Section _section;

    public async Task ThinkingAsync(string? text)
    {
        if (!showThinking || string.IsNullOrEmpty(text)) return;
        await BeginAsync(Section.Thinking);
        await console.Out.WriteAsync(console.Dimmed(text));
        await console.Out.FlushAsync();
    }

    public async Task TextAsync(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        await BeginAsync(Section.Text);
        await console.Out.WriteAsync(text);
        await console.Out.FlushAsync();
    }

    public async Task ToolCallAsync(string? name, string? arguments)
    {
        await BeginAsync(Section.Tools);
        await console.Out.WriteLineAsync($"→ {name ?? "?"}({Compact(arguments)})");
        await console.Out.FlushAsync();
    }

    /// <summary>Ends the answer's last line; also stops the spinner when nothing was printed.</summary>
    public async Task EndAsync()
    {
        if (spinner is not null) await spinner.StopAsync();
        await console.EndLineAsync();
    }

    private async Task BeginAsync(Section section)
    {
        if (_section == section) return;
        if (spinner is not null) await spinner.StopAsync();
        if (_section != Section.None) await console.EndLineAsync();
        if (_section == Section.Thinking) await console.Out.WriteLineAsync();
        if (section == Section.Thinking) await console.Out.WriteLineAsync(console.Dimmed("thinking"));
        _section = section;
    }

    /// <summary>Tool arguments as compact JSON with readable escaping; text that is not JSON as it came.</summary>
    internal static string Compact(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return "";
        try
        {
            using var document = JsonDocument.Parse(arguments);
            return CliJson.Readable(document.RootElement);
        }
        catch (JsonException)
        {
            return arguments;
        }
    }
}
