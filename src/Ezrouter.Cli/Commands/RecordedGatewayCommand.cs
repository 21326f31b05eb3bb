using System.CommandLine;
using Ezrouter.Testing;

namespace Ezrouter.Cli.Commands;

/// <summary><c>recorded-gateway [--port N]</c>: serves the embedded cassettes to any client until stopped; the first line of output is the base URL.</summary>
internal static class RecordedGatewayCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = a free one).", DefaultValueFactory = _ => 0 };
        var cassettes = new Option<string?>("--cassettes") { Description = "A folder of extra cassettes to serve beside the embedded ones." };
        var command = new Command("recorded-gateway", "Serve the recorded gateway (no key, no network) until stopped with Ctrl+C.") { port, cassettes };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions
            {
                Port = result.GetValue(port),
                CassetteDirectory = result.GetValue(cassettes),
            }, cancellationToken);
            await console.Out.WriteLineAsync(gateway.BaseUrl.ToString().TrimEnd('/'));
            await console.Out.FlushAsync(cancellationToken);
            await console.Error.WriteLineAsync($"serving {gateway.Cassettes.Count} cassettes; OpenAI surface at {gateway.BaseUrl}v1, Anthropic surface at {gateway.BaseUrl}anthropic/v1. Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            return 0;
        });
        return command;
    }
}
