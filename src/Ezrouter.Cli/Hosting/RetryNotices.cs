using System.Globalization;

namespace Ezrouter.Cli.Hosting;

/// <summary>
/// The SDK's retry waits (<see cref="EzrouterRetryOptions.OnRetryWait"/>) as one stderr line each, so a slow call
/// says why: <c>retrying in 30 s after HTTP 429 (Retry-After) — attempt 2 of 3</c>.
/// </summary>
public sealed class RetryNotices(CliConsole console, Spinner? spinner)
{
    public void OnRetryWait(EzrouterRetryWait wait)
    {
        spinner?.Clear();
        console.Error.WriteLine(Describe(wait));
        console.Error.Flush();
    }

    public static string Describe(EzrouterRetryWait wait)
    {
        var after = wait.StatusCode != 0 ? $"HTTP {wait.StatusCode}"
            : wait.Failure is EzrouterTimeoutException ? "a timeout"
            : wait.Failure is EzrouterConnectionException ? "a connection failure"
            : "a failure";
        return $"retrying in {Seconds(wait.Delay)} after {after} ({(wait.FromRetryAfter ? "Retry-After" : "backoff")}) — attempt {wait.NextAttempt} of {wait.MaxAttempts}";
    }

    private static string Seconds(TimeSpan time) =>
        (time.TotalSeconds >= 10 ? time.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) : time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)) + " s";
}
