using System.CommandLine;
using System.Net.Sockets;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;
using Ezrouter.Testing;

namespace Ezrouter.Cli.Commands;

/// <summary><c>recorded-gateway [--port N] [--cassettes DIR] [--strict]</c>: serves the embedded cassettes to any client until stopped; the first line of output is the base URL.</summary>
internal static class RecordedGatewayCommand
{
    public static Command Create(RootOptions root, CliConsole console)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1, 1 to 65535 (0 = a free one).", DefaultValueFactory = _ => 0 };
        port.Validators.Add(r =>
        {
            var value = ParseErrors.Value<int>(r);
            if (value is < 0 or > 65535) r.AddError($"--port must be 0 to 65535 (0 picks a free one); it was {value}.");
        });
        var cassettes = new Option<string?>("--cassettes") { Description = "A folder of extra cassettes to serve beside the embedded ones." };
        cassettes.Validators.Add(r =>
        {
            if (ParseErrors.Value<string?>(r) is { } folder && !Directory.Exists(folder))
                r.AddError(string.IsNullOrWhiteSpace(folder) ? "--cassettes is empty: name a folder." : $"--cassettes: there is no folder '{folder}'.");
        });
        var strict = new Option<bool>("--strict")
        {
            Description = "Answer a request no cassette matches with a 404 naming the closest cassette, instead of the gateway's own answer (a stand-in reply for a catalog model, 503 model_not_found for another, the web page for an unknown path).",
        };
        var command = new Command("recorded-gateway", "Serve the recorded gateway (no key, no network) until stopped with Ctrl+C or SIGTERM.") { port, cassettes, strict };
        root.RefuseFor(command);
        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, json: false, cancellationToken, async () =>
        {
            await using var gateway = await StartAsync(new RecordedGatewayOptions
            {
                Port = result.GetValue(port),
                CassetteDirectory = result.GetValue(cassettes),
                Strict = result.GetValue(strict),
            }, cancellationToken);
            await console.Out.WriteLineAsync(gateway.BaseUrl.ToString().TrimEnd('/'));
            await console.Out.FlushAsync(cancellationToken);
            await console.Error.WriteLineAsync($"serving {gateway.Cassettes.Count} cassettes; OpenAI surface at {gateway.BaseUrl}v1, Anthropic surface at {gateway.BaseUrl}anthropic/v1; {(result.GetValue(strict) ? "strict: unmatched requests get a 404 naming the closest cassette" : "unmatched requests get the gateway's own answer")}. Ctrl+C to stop.");
            await console.Error.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<RecordedGateway> StartAsync(RecordedGatewayOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await RecordedGateway.StartAsync(options, cancellationToken);
        }
        catch (IOException e) when (e.InnerException is SocketException or IOException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            e.Data[Failures.HintKey] = $"port {options.Port} is taken: pick another --port, or --port 0 for a free one.";
            throw;
        }
        catch (UnauthorizedAccessException e)
        {
            e.Data[Failures.HintKey] = $"the CLI may not read '{options.CassetteDirectory}': check its permissions, or run without --cassettes.";
            throw;
        }
    }
}
