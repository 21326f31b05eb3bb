using System;
using System.Collections.Generic;
using System.Linq;

namespace Ezrouter.Testing.Recording;

/// <summary>Hides credentials in headers and text before anything is logged or written to disk.</summary>
internal sealed class SecretRedactor
{
    public const string Redacted = "REDACTED";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "X-Api-Key", "Cookie", "Set-Cookie", "Proxy-Authorization",
    };

    /// <summary>Shorter strings are not scrubbed from text (header values are redacted regardless).</summary>
    public const int MinimumSecretLength = 8;

    private static readonly string[] SecretFragments = ["key", "token", "secret"];

    private readonly string[] secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        // Very short strings would shred unrelated text; keys are far longer than this.
        this.secrets = secrets
            .Where(s => !string.IsNullOrEmpty(s) && s.Length >= MinimumSecretLength)
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public static bool IsSecretHeader(string name) =>
        SecretHeaders.Contains(name) || SecretFragments.Any(f => name.Contains(f, StringComparison.OrdinalIgnoreCase));

    /// <summary>The credential values a request carries, so they can be scrubbed from bodies too.</summary>
    public static IEnumerable<string> CredentialsIn(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!IsSecretHeader(name) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            yield return value.Trim();
            var space = value.Trim().IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                yield return value.Trim()[(space + 1)..].Trim();
            }
        }
    }

    public string RedactText(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    public Dictionary<string, string> RedactHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            result[name] = IsSecretHeader(name) ? Redacted : RedactText(value);
        }

        return result;
    }
}
