using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Quick;
using Ezrouter.Testing;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// The recorded gateway (Ezrouter.Testing) in a process of its own on 127.0.0.1, replaying the benchmark payloads
/// (<see cref="LoadCassettes"/>), so none of its CPU time or memory is the client's. The parent reads its CPU time.
/// <c>serve [--chat NAME] [--events-per-frame K]</c> is the child's side; it stops when its stdin closes.
/// </summary>
internal sealed class GatewayChild : IDisposable
{
    private const string ReadyPrefix = "listening ";
    private readonly Process _process;

    private GatewayChild(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>The server's CPU time so far.</summary>
    public TimeSpan Cpu => BenchProcess.CpuOf(_process);

    public static async Task<GatewayChild> StartAsync(string chatStream, int eventsPerFrame)
    {
        var process = BenchProcess.Start(["serve", "--chat", chatStream, "--events-per-frame", eventsPerFrame.ToString(CultureInfo.InvariantCulture)], redirectInput: true);
        var line = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false);
        if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException("The gateway child did not start: " + (line ?? "(no output)"));
        }
        return new GatewayChild(process, new Uri(line[ReadyPrefix.Length..]));
    }

    /// <summary>The child's side: serve until stdin closes (the parent exits or disposes this).</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var chat = Recordings.ByName(Array.IndexOf(args, "--chat") is var c and >= 0 && c + 1 < args.Length ? args[c + 1] : Recordings.ToolCallsName);
        var perFrame = (int)QuickRun.Option(args, "--events-per-frame", 1);
        await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions
        {
            IncludeEmbedded = false,
            Strict = true,
            Cassettes = LoadCassettes.Build(chat, Recordings.AnthropicThinking, perFrame),
        }).ConfigureAwait(false);
        Console.WriteLine(ReadyPrefix + gateway.BaseUrl);
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000)) _process.Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
