using System.Runtime.InteropServices;

namespace Ezrouter.Cli.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM cancel the running command, which then exits with 130 or 143 and a one-line goodbye.
/// The signal's default (killing the process at once) is suppressed so the command can end cleanly; a command that
/// has not ended 1.5 s later, or a second signal, ends the process anyway, so a signal always stops it within 2 s.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1.5);
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _stderr;
    private Timer? _watchdog;
    private int _signals;

    public ShutdownSignals(TextWriter stderr)
    {
        _stderr = stderr;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code the signal asks for (128 + its number on Unix), or null when none arrived.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The goodbye line for the signal that arrived.</summary>
    public string? Goodbye { get; private set; }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            Exit();
            return;
        }
        var name = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        ExitCode = context.Signal == PosixSignal.SIGTERM ? 143 : 130;
        Goodbye = $"stopped by {name}";
        _watchdog = new Timer(_ => Exit(), null, Grace, Timeout.InfiniteTimeSpan);
        _cancel.Cancel();
    }

    private void Exit()
    {
        try
        {
            _stderr.WriteLine($"{Goodbye ?? "stopped"} (forced: the command did not end in time)");
            _stderr.Flush();
        }
        finally
        {
            Environment.Exit(ExitCode ?? 130);
        }
    }

    public void Dispose()
    {
        _watchdog?.Dispose();
        foreach (var registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
