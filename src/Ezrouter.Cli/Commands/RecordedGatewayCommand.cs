using System.CommandLine;
using Ezrouter.Testing;

namespace Ezrouter.Cli.Commands;

/// <summary><c>recorded-gateway [--port N] [--cassettes DIR] [--strict]</c>: serves the embedded cassettes to any client until stopped; the first line of output is the base URL.</summary>
internal static class RecordedGatewayCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = a free one).", DefaultValueFactory = _ => 0 };
        var cassettes = new Option<string?>("--cassettes") { Description = "A folder of extra cassettes to serve beside the embedded ones." };
        var strict = new Option<bool>("--strict")
        {
            Description = "Answer a request no cassette matches with a 404 naming the closest cassette, instead of the gateway's own answer (a stand-in reply for a catalog model, 503 model_not_found for another, the web page for an unknown path).",
        };
        var command = new Command("recorded-gateway", "Serve the recorded gateway (no key, no network) until stopped with Ctrl+C.") { port, cassettes, strict };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var gateway = await RecordedGateway.StartAsync(new RecordedGatewayOptions
            {
                Port = result.GetValue(port),
                CassetteDirectory = result.GetValue(cassettes),
                Strict = result.GetValue(strict),
            }, cancellationToken);
            await console.Out.WriteLineAsync(gateway.BaseUrl.ToString().TrimEnd('/'));
            await console.Out.FlushAsync(cancellationToken);
            await console.Error.WriteLineAsync($"serving {gateway.Cassettes.Count} cassettes; OpenAI surface at {gateway.BaseUrl}v1, Anthropic surface at {gateway.BaseUrl}anthropic/v1; {(result.GetValue(strict) ? "strict: unmatched requests get a 404 naming the closest cassette" : "unmatched requests get the gateway's own answer")}. Ctrl+C to stop.");
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
