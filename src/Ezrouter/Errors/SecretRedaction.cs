namespace Ezrouter;

/// <summary>Takes the API key out of text before anything keeps it (an exception, a log line): redact, then truncate.</summary>
internal static class SecretRedaction
{
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text, string? secret) =>
        string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text) ? text : text.Replace(secret, "[REDACTED]");
}
