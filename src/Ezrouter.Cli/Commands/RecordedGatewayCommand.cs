using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net.Sockets;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;
using Ezrouter.Testing;

namespace Ezrouter.Cli.Commands;

/// <summary>
/// <c>recorded-gateway [--port N] [--cassettes DIR] [--strict] [--profile ezai --tier T [--rate-window S]]</c>: serves
/// the embedded cassettes to any client until stopped, enforcing an EzAI tier's rate limits when asked; the first line
/// of output is the base URL.
/// </summary>
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
        var profile = new Option<string?>("--profile")
        {
            Description = $"Which gateway to imitate: {string.Join(" or ", Profiles.GatewayProfile.BuiltInNames)}. Default: ${ConnectionOptions.ProfileVariable}, else ezrouter.",
        };
        var tier = new Option<string?>("--tier")
        {
            Description = $"With --profile ezai: enforce this account tier's limits ({string.Join(", ", RateLimitTier.EzAi.Select(t => $"{t.Name} {t.RequestsPerWindow}/{t.ConcurrentRequests}"))} requests per window / in flight), send the rate-limit headers on every answer, and answer 429 with Retry-After past them.",
        };
        var window = new Option<double?>("--rate-window") { Description = "With --tier: the window's length in seconds (default 60, as EzAI counts per minute), up to 86400." };
        var command = new Command("recorded-gateway", "Serve the recorded gateway (no key, no network) until stopped with Ctrl+C or SIGTERM.") { port, cassettes, strict, profile, tier, window };
        root.RefuseFor(command);
        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, json: false, cancellationToken, async () =>
        {
            var options = new RecordedGatewayOptions
            {
                Port = result.GetValue(port),
                CassetteDirectory = result.GetValue(cassettes),
                Strict = result.GetValue(strict),
            };
            RateLimits(result, profile, tier, window, options);
            await using var gateway = await StartAsync(options, cancellationToken);
            await console.Out.WriteLineAsync(gateway.BaseUrl.ToString().TrimEnd('/'));
            await console.Out.FlushAsync(cancellationToken);
            await console.Error.WriteLineAsync($"serving {gateway.Cassettes.Count} cassettes; OpenAI surface at {gateway.BaseUrl}v1, Anthropic surface at {gateway.BaseUrl}anthropic/v1; {(result.GetValue(strict) ? "strict: unmatched requests get a 404 naming the closest cassette" : "unmatched requests get the gateway's own answer")}{Enforcing(options)}. Ctrl+C to stop.");
            await console.Error.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The tier to enforce, from --profile (or the environment), --tier and --rate-window; a misuse is a usage error.</summary>
    private static void RateLimits(ParseResult result, Option<string?> profile, Option<string?> tier, Option<double?> window, RecordedGatewayOptions options)
    {
        var (raw, source) = NonEmpty(result.GetValue(profile)) is { } own ? (own, "--profile")
            : NonEmpty(Environment.GetEnvironmentVariable(ConnectionOptions.ProfileVariable)) is { } env ? (env, "$" + ConnectionOptions.ProfileVariable)
            : ("ezrouter", "the default");
        var chosen = Profiles.GatewayProfile.FromName(raw)
            ?? throw new CliUsageException($"{source} names no gateway profile: '{raw}'", $"use {string.Join(" or ", Profiles.GatewayProfile.BuiltInNames)} (ezrouter is the default).");
        var tierName = result.GetValue(tier);
        var seconds = result.GetValue(window);
        if (tierName is null)
        {
            if (seconds is not null) throw new CliUsageException("--rate-window applies only with --tier", "add --profile ezai --tier free (or another tier), or leave --rate-window out.");
            return;
        }
        if (!chosen.PaceRateLimits)
            throw new CliUsageException($"--tier applies to --profile ezai, not {chosen.Name}", "ezrouter sends no rate-limit headers and queues instead of answering 429: add --profile ezai.");
        options.Tier = RateLimitTier.FromName(tierName)
            ?? throw new CliUsageException($"--tier '{tierName}' is not an EzAI tier", $"use one of: {string.Join(", ", RateLimitTier.EzAi.Select(t => t.Name))}.");
        if (seconds is { } s)
        {
            if (double.IsNaN(s) || s <= 0 || s > 86400)
                throw new CliUsageException($"--rate-window must be more than 0 and at most 86400 seconds; it was {s.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "60 is EzAI's own window; a few seconds keeps a test short.");
            options.RateWindow = TimeSpan.FromSeconds(s);
        }
    }

    private static string Enforcing(RecordedGatewayOptions options) => options.Tier is not { } tier ? ""
        : $"; tier {tier.Name} enforced: {tier.RequestsPerWindow} requests per {options.RateWindow.TotalSeconds:0.###} s window, {tier.ConcurrentRequests} in flight, 429 with Retry-After past either";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
