namespace Ezrouter.Cli.Hosting;

/// <summary>
/// Where the commands write: stdout carries results (and only JSON with --json), stderr carries messages. Stdout
/// remembers whether its last character ended a line, so an error line never lands after half a line of model text.
/// </summary>
public sealed class CliConsole
{
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    public CliConsole(TextWriter stdout, TextWriter stderr, bool isTerminal = false, bool color = false)
    {
        Out = new LineTrackingWriter(stdout);
        Error = stderr;
        IsTerminal = isTerminal;
        Color = color;
    }

    /// <summary>The real console: a terminal when stdout is not redirected; colour unless NO_COLOR is set (no-color.org) or TERM is dumb.</summary>
    public static CliConsole FromSystem(TextWriter stdout, TextWriter stderr)
    {
        var terminal = !Console.IsOutputRedirected;
        var color = terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        return new CliConsole(stdout, stderr, terminal, color);
    }

    public LineTrackingWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Stdout is a terminal (so a spinner may be drawn on it).</summary>
    public bool IsTerminal { get; }

    /// <summary>ANSI styling is on.</summary>
    public bool Color { get; }

    /// <summary>Text styled as secondary (thinking): dim when colour is on, plain otherwise.</summary>
    public string Dimmed(string text) => Color && text.Length > 0 ? Dim + text + Reset : text;

    /// <summary>Ends the current stdout line if it is open: called before any message on stderr.</summary>
    public async Task EndLineAsync()
    {
        if (!Out.AtLineStart) await Out.WriteLineAsync();
        await Out.FlushAsync();
    }

    /// <summary>One or two lines on stderr: what happened, then what to do.</summary>
    public async Task FailAsync(string message, string? hint)
    {
        await EndLineAsync();
        await Error.WriteLineAsync($"error: {OneLine(message)}");
        if (!string.IsNullOrWhiteSpace(hint)) await Error.WriteLineAsync($"hint: {OneLine(hint)}");
        await Error.FlushAsync();
    }

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0));
}

/// <summary>A writer that knows whether the last character it wrote was a newline.</summary>
public sealed class LineTrackingWriter(TextWriter inner) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    /// <summary>True before anything is written and after a newline.</summary>
    public bool AtLineStart { get; private set; } = true;

    public override void Write(char value)
    {
        inner.Write(value);
        AtLineStart = value == '\n';
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        inner.Write(value);
        AtLineStart = value[^1] == '\n';
    }

    public override void Write(char[] buffer, int index, int count)
    {
        if (count == 0) return;
        inner.Write(buffer, index, count);
        AtLineStart = buffer[index + count - 1] == '\n';
    }

    public override void WriteLine() => Write(CoreNewLine, 0, CoreNewLine.Length);

    public override void WriteLine(string? value)
    {
        Write(value);
        WriteLine();
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    /// <summary>Writes without moving the line state: for a spinner that draws and erases itself.</summary>
    public void WriteTransient(string value)
    {
        inner.Write(value);
        inner.Flush();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override string ToString() => inner.ToString() ?? "";
}
