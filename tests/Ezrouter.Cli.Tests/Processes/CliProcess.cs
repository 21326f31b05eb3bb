using System.Diagnostics;
using System.Text;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// The built CLI as a process (<c>dotnet Ezrouter.Cli.dll …</c> from this test's output folder: no <c>dotnet run</c>,
/// no build), with the EZROUTER_ variables and NO_COLOR removed unless a test sets them.
/// </summary>
public sealed class CliProcess : IDisposable
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "Ezrouter.Cli.dll");

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    private CliProcess(ProcessStartInfo start)
    {
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_err)
            {
                _err.Append(e.Data).Append('\n');
                foreach (var (text, seen) in _waits) if (e.Data.Contains(text, StringComparison.Ordinal)) seen.TrySetResult();
            }
        };
        _process.Start();
        // Stdout is read as it comes, not by lines: a stream's partial line is visible before its newline.
        _reading = ReadOutAsync();
        _process.BeginErrorReadLine();
    }

    private readonly Task _reading;

    private async Task ReadOutAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_out)
            {
                _out.Append(buffer, 0, read);
                var text = _out.ToString();
                if (text.IndexOf('\n') is var end and >= 0) _firstLine.TrySetResult(text[..end]);
            }
        }
    }

    public int Id => _process.Id;

    public string Out { get { lock (_out) return _out.ToString(); } }

    public string Err { get { lock (_err) return _err.ToString(); } }

    /// <summary>Starts <c>dotnet Ezrouter.Cli.dll args</c>; <paramref name="environment"/> values of null remove a variable.</summary>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null) =>
        StartRaw(Executable, [Dll, .. args], environment, stdin);

    /// <summary>Starts any program with the same clean environment (for <c>script</c>, which gives the CLI a terminal).</summary>
    public static CliProcess StartRaw(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("EZROUTER_", StringComparison.Ordinal) || k == "NO_COLOR").ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        var process = new CliProcess(start);
        if (stdin is not null) process._process.StandardInput.Write(stdin);
        process._process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs to the end (killed after <paramref name="timeout"/>, default 30 s).</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment, stdin);
        return await process.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    public Task<string> FirstLineAsync(TimeSpan timeout) => _firstLine.Task.WaitAsync(timeout);

    /// <summary>Completes when a stderr line contains <paramref name="text"/>.</summary>
    public Task StderrContainsAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_err)
        {
            if (_err.ToString().Contains(text, StringComparison.Ordinal)) seen.TrySetResult();
            else _waits.Add((text, seen));
        }
        return seen.Task.WaitAsync(timeout);
    }

    /// <summary>Sends a real signal with <c>kill</c>.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    public async Task<Result> WaitAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return new Result(-1, Out, Err + $"\n(killed: still running after {timeout.TotalSeconds:0} s)", clock.Elapsed);
        }
        _process.WaitForExit();
        await _reading;
        return new Result(_process.ExitCode, Out, Err, clock.Elapsed);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public sealed record Result(int Exit, string Out, string Err, TimeSpan Elapsed)
    {
        public override string ToString() => $"exit {Exit} after {Elapsed.TotalSeconds:0.00} s\n--- stdout\n{Out}--- stderr\n{Err}";
    }
}
