using System.Threading.Tasks;
using Ezrouter.Benchmarks.Cold;
using Ezrouter.Benchmarks.Components;
using Ezrouter.Benchmarks.Full;
using Ezrouter.Benchmarks.Load;
using Ezrouter.Benchmarks.Quick;

namespace Ezrouter.Benchmarks;

/// <summary>
/// <c>quick</c>: the regular check (Stopwatch harness, under a minute). <c>full</c>: the BenchmarkDotNet classes,
/// then the same report. <c>components</c>: where our stream path spends its time and allocations. <c>cpu</c>: the
/// in-memory streams against the floor in process CPU time, once the JIT is quiet (for a busy machine).
/// <c>load</c> / <c>cold</c>: many streams over loopback sockets, and start-up in fresh processes, against the recorded
/// gateway in a child process (<c>serve</c> and <c>load-client</c> are those children). No arguments or
/// anything else: BenchmarkDotNet's switcher, e.g. <c>--filter *ComponentBenchmarks*</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (!Tiering.IsSettled) return Tiering.Restart(args);
        return (args.Length > 0 ? args[0] : string.Empty) switch
        {
            "quick" => await QuickRun.RunAsync(args[1..]).ConfigureAwait(false),
            "components" => await ComponentRun.RunAsync(args[1..]).ConfigureAwait(false),
            "cpu" => await CpuRun.RunAsync(args[1..]).ConfigureAwait(false),
            "load" => await LoadRun.RunAsync(args[1..]).ConfigureAwait(false),
            "cold" => await ColdRun.RunAsync(args[1..]).ConfigureAwait(false),
            "load-client" => await LoadClient.RunAsync(args[1..]).ConfigureAwait(false),
            "serve" => await GatewayChild.ServeAsync(args[1..]).ConfigureAwait(false),
            _ => await FullRun.RunAsync(args).ConfigureAwait(false),
        };
    }
}
