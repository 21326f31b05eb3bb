namespace Ezrouter.Cli.Commands;

/// <summary>One place that turns a failure into the CLI's contract: exit 1, a line on stderr, and with --json the error object on stdout.</summary>
internal static class Failures
{
    public static async Task<int> GuardAsync(CliConsole console, bool json, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (EzrouterException e)
        {
            await console.Error.WriteLineAsync($"error: {CliJson.OneLine(e)}");
            if (json) await console.Out.WriteLineAsync(CliJson.Failure(e));
            return 1;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cancelled");
            return 130;
        }
        catch (Exception e)
        {
            // Not a gateway error (a refused plain-http key, a bad --base-url, a bug): still the --json contract.
            await console.Error.WriteLineAsync($"error: {e.Message.Replace('\r', ' ').Replace('\n', ' ')}");
            if (json) await console.Out.WriteLineAsync(CliJson.Failure(e));
            return 1;
        }
    }
}
