using System.Net.Sockets;
using System.Security.Authentication;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;

namespace Ezrouter.Cli;

/// <summary>
/// One place that turns a failure into the CLI's contract: exit 1 (2 for a usage problem), one or two lines on
/// stderr (what happened, then what to do; never a stack trace), and with --json the error object on stdout.
/// </summary>
internal static class Failures
{
    /// <summary>An exception's <see cref="Exception.Data"/> entry that carries the hint for a failure the CLI raised itself.</summary>
    public const string HintKey = "ezrouter.cli.hint";

    public static async Task<int> GuardAsync(CliConsole console, bool json, CancellationToken cancellationToken, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The goodbye line is CliApp's, once, for every command.
            await console.EndLineAsync();
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            var (message, hint) = Describe(e);
            await console.FailAsync(message, hint);
            if (json) await console.Out.WriteLineAsync(CliJson.Failure(e));
            return e is CliUsageException ? ExitCodes.Usage : ExitCodes.Failure;
        }
    }

    /// <summary>What happened (with the innermost cause when it adds something) and what to do.</summary>
    public static (string Message, string Hint) Describe(Exception e)
    {
        var message = e is EzrouterException gateway ? CliJson.OneLine(gateway) : e.Message;
        var cause = Innermost(e);
        if (cause != e && !string.IsNullOrWhiteSpace(cause.Message) && !message.Contains(cause.Message[..Math.Min(40, cause.Message.Length)], StringComparison.Ordinal))
        {
            // .NET's "…, see inner exception." points at what a CLI user never sees: the cause is said here instead.
            message = message.Replace(", see inner exception", "", StringComparison.OrdinalIgnoreCase);
            message = $"{message.TrimEnd('.', ' ')} (cause: {cause.GetType().Name}: {cause.Message})";
        }
        var hint = e.Data[HintKey] as string ?? (e is CliUsageException usage ? usage.Hint : Hint(e, cause));
        return (message, hint);
    }

    private static Exception Innermost(Exception e)
    {
        var current = e;
        while (current.InnerException is { } inner) current = inner;
        return current;
    }

    private static string Hint(Exception e, Exception cause) => e switch
    {
        EzrouterAuthenticationException => $"check the key: --api-key or ${ConnectionOptions.ApiKeyVariable}.",
        EzrouterModelNotFoundException => "run `ezrouter models` for the model ids this gateway serves.",
        EzrouterRateLimitException => "wait and try again; --max-retries sets how often the CLI retries, --timeout how long it may take.",
        EzrouterInsufficientQuotaException => "top up the account or use another key.",
        EzrouterOperationNotSupportedException => "this gateway profile does not serve it: pass --profile ezai (or set EZROUTER_PROFILE=ezai) for a gateway that does.",
        EzrouterPermissionException { Details.ContentType: { } type } when type.Contains("html", StringComparison.OrdinalIgnoreCase) => "a firewall refused this client before the gateway saw it; it may refuse the User-Agent, or this IP: try again later or from another network.",
        EzrouterPermissionException => "this key may not use this model or group, or the IP is blocked after repeated failed authentications (lifted after about 5 minutes): check the key.",
        EzrouterRequestTooLargeException => "shorten the prompt or lower --max-tokens.",
        EzrouterInvalidRequestException => "check the model id and the options (--max-tokens, --surface).",
        EzrouterTimeoutException => "raise --timeout, or try again: the gateway or the model was slow.",
        EzrouterStreamTruncatedException => "the connection ended before the answer did; try again, or use --no-stream.",
        EzrouterStreamException => "the model failed mid-answer; try again or pick another model.",
        EzrouterServerException { ErrorType: "response.failed" } => "the model failed mid-answer; try again or pick another model.",
        EzrouterConnectionException when cause is AuthenticationException or System.IO.IOException && e.Message.Contains("https", StringComparison.OrdinalIgnoreCase)
            => "the TLS handshake failed: check that the URL's scheme and port serve https, and that the certificate is trusted.",
        EzrouterConnectionException when cause is SocketException => "check --base-url (host and port) and that the gateway is running and reachable.",
        EzrouterConnectionException => "check --base-url and the network between here and the gateway.",
        EzrouterRedirectException => "the gateway redirected the call: check --base-url (scheme and host) against the gateway's own address.",
        EzrouterOverloadedException or EzrouterUpstreamUnavailableException => "the upstream is busy or down; try again later or pick another model.",
        EzrouterServerException => "the gateway failed; try again later (quote the request id to its operators).",
        EzrouterProtocolException => "the gateway's answer could not be read; try again, and quote the request id if it persists.",
        EzrouterException => "see the message; quote the request id to the gateway's operators if it persists.",
        InvalidOperationException when e.Message.Contains("plain http", StringComparison.OrdinalIgnoreCase)
            => "use an https:// base URL, or pass --allow-insecure-http if the network is trusted.",
        InvalidDataException => "fix or remove that cassette (the format: src/Ezrouter.Testing/Cassettes/README.md), or run without --cassettes.",
        UnauthorizedAccessException => "check the folder's permissions.",
        System.IO.IOException => "check the path and that nothing else holds it.",
        _ => "run with --help for the options; if this persists it is a bug in the CLI.",
    };
}

/// <summary>The CLI's exit codes, a public contract.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Cancelled = 130;
    public const int Terminated = 143;
}
