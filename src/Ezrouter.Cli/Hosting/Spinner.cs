using System.Globalization;

namespace Ezrouter.Cli.Hosting;

/// <summary>
/// On a terminal only: a spinner on stdout while a call waits for its first token, drawn only once the wait passes a
/// second, and erased before anything else is printed. Redirected output never sees it.
/// </summary>
public sealed class Spinner : IAsyncDisposable
{
    private static readonly TimeSpan After = TimeSpan.FromSeconds(1);
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly CliConsole _console;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private bool _drawn;
    private bool _stopped;

    private Spinner(CliConsole console)
    {
        _console = console;
        _loop = RunAsync();
    }

    /// <summary>A running spinner when stdout is a terminal, else null.</summary>
    public static Spinner? StartIfTerminal(CliConsole console) => console.IsTerminal ? new Spinner(console) : null;

    private async Task RunAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await Task.Delay(After, _stop.Token);
            for (var frame = 0; ; frame++)
            {
                lock (_lock)
                {
                    if (_stopped) return;
                    _console.Out.WriteTransient($"\r{Frames[frame % Frames.Length]} waiting for the first token ({clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)");
                    _drawn = true;
                }
                await Task.Delay(100, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Erases the spinner's line, if drawn, so a message can take it; the spinner redraws on its next frame.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (!_drawn) return;
            _console.Out.WriteTransient("\r\u001b[2K");
            _drawn = false;
        }
    }

    /// <summary>Stops for good and erases: before the first token, or when the call ends.</summary>
    public async Task StopAsync()
    {
        lock (_lock)
        {
            if (_stopped) return;
            _stopped = true;
        }
        await _stop.CancelAsync();
        await _loop;
        Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
