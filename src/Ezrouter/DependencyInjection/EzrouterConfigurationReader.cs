using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Ezrouter.DependencyInjection;

/// <summary>
/// Reads <see cref="EzrouterClientOptions"/> from a configuration section by hand, key by key: no reflection binder
/// (trim- and AOT-safe), and every value that does not parse or is out of range becomes an error naming its full
/// configuration path, so start-up validation can say which setting is wrong. A key this reader does not know is an
/// error too: a typo must not silently leave a default in place.
/// </summary>
internal static class EzrouterConfigurationReader
{
    private delegate string? Setter(EzrouterClientOptions options, string value);

    private static readonly Dictionary<string, Setter> Root = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ApiKey"] = (o, v) => { o.ApiKey = v; return null; },
        ["BaseUrl"] = (o, v) => Url(v, u => o.BaseUrl = u),
        ["AnthropicBaseUrl"] = (o, v) => Url(v, u => o.AnthropicBaseUrl = u),
        ["Profile"] = (o, v) => Profiles.GatewayProfile.FromName(v) is { } profile
            ? Set(() => o.Profile = profile)
            : $"'{v}' is not a gateway profile; use one of: {string.Join(", ", Profiles.GatewayProfile.BuiltInNames)}",
        ["UserAgent"] = (o, v) => { o.UserAgent = v; return null; },
        ["AnthropicVersion"] = (o, v) => { o.AnthropicVersion = v; return null; },
        ["AnthropicBeta"] = (o, v) => { o.AnthropicBeta = v; return null; },
        ["EndUserId"] = (o, v) => { o.EndUserId = v; return null; },
        ["AllowInsecureHttp"] = (o, v) => Parse<bool>(v, bool.TryParse, b => o.AllowInsecureHttp = b),
        ["CaptureMessageContent"] = (o, v) => Parse<bool>(v, bool.TryParse, b => o.CaptureMessageContent = b),
    };

    private static string? Set(Action set)
    {
        set();
        return null;
    }

    private static readonly Dictionary<string, Dictionary<string, Setter>> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Timeouts"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Connect"] = (o, v) => Time(v, t => o.Timeouts.Connect = t),
            ["FirstByte"] = (o, v) => Time(v, t => o.Timeouts.FirstByte = t),
            ["Idle"] = (o, v) => Time(v, t => o.Timeouts.Idle = t),
            ["Total"] = (o, v) => Time(v, t => o.Timeouts.Total = t),
        },
        ["Retry"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["MaxRetries"] = (o, v) => Parse<int>(v, Int, n => o.Retry.MaxRetries = n),
            ["BaseDelay"] = (o, v) => Span(v, t => o.Retry.BaseDelay = t),
            ["MaxDelay"] = (o, v) => Span(v, t => o.Retry.MaxDelay = t),
            ["MaxTotalTime"] = (o, v) => Span(v, t => o.Retry.MaxTotalTime = t),
        },
        ["Limits"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["MaxEventBytes"] = (o, v) => Parse<long>(v, Long, n => o.Limits.MaxEventBytes = n),
            ["MaxAnswerChars"] = (o, v) => Parse<long>(v, Long, n => o.Limits.MaxAnswerChars = n),
            ["MaxDecompressedBytes"] = (o, v) => Parse<long>(v, Long, n => o.Limits.MaxDecompressedBytes = n),
            ["Decompression"] = (o, v) => Parse<DecompressionMethods>(v, static (string s, out DecompressionMethods m) => Enum.TryParse(s, ignoreCase: true, out m), m => o.Limits.Decompression = m),
        },
        ["Concurrency"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["MaxConcurrentRequests"] = (o, v) => Parse<int>(v, Int, n => Concurrency(o).MaxConcurrentRequests = n),
            ["MinConcurrentRequests"] = (o, v) => Parse<int>(v, Int, n => Concurrency(o).MinConcurrentRequests = n),
            ["TargetTimeToFirstByte"] = (o, v) => Span(v, t => Concurrency(o).TargetTimeToFirstByte = t),
            ["DecreaseFactor"] = (o, v) => Parse<double>(v, static (string s, out double d) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d), d => Concurrency(o).DecreaseFactor = d),
        },
        ["RateLimitPacing"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Enabled"] = (o, v) => Parse<bool>(v, bool.TryParse, b => Pacing(o).Enabled = b),
            ["MaxConcurrentRequests"] = (o, v) => Parse<int>(v, Int, n => Pacing(o).MaxConcurrentRequests = n),
            ["MaxResetDelay"] = (o, v) => Span(v, t => Pacing(o).MaxResetDelay = t),
        },
    };

    /// <summary>Applies every valid value in <paramref name="configuration"/> to <paramref name="options"/>; returns the errors, each naming its configuration path.</summary>
    public static List<string> Apply(IConfiguration configuration, EzrouterClientOptions options)
    {
        var errors = new List<string>();
        foreach (var child in configuration.GetChildren())
        {
            if (Sections.TryGetValue(child.Key, out var section))
            {
                foreach (var setting in child.GetChildren())
                {
                    if (!section.TryGetValue(setting.Key, out var setter)) errors.Add($"{setting.Path}: not a setting of EzrouterClientOptions.{child.Key}.");
                    else if (setting.Value is { } value && setter(options, value) is { } error) errors.Add($"{setting.Path}: {error}");
                }
            }
            else if (Root.TryGetValue(child.Key, out var setter))
            {
                if (child.Value is { } value && setter(options, value) is { } error) errors.Add($"{child.Path}: {error}");
            }
            else errors.Add($"{child.Path}: not a setting of EzrouterClientOptions.");
        }
        return errors;
    }

    private static EzrouterConcurrencyOptions Concurrency(EzrouterClientOptions options) => options.Concurrency ??= new EzrouterConcurrencyOptions();

    private static Middleware.Options.RateLimitPacingOptions Pacing(EzrouterClientOptions options) => options.RateLimitPacing ??= new Middleware.Options.RateLimitPacingOptions();

    private delegate bool TryParser<T>(string value, out T result);

    private static bool Int(string s, out int n) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out n);

    private static bool Long(string s, out long n) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out n);

    private static string? Parse<T>(string value, TryParser<T> parse, Action<T> set)
    {
        if (!parse(value, out var parsed)) return $"'{value}' is not a valid {typeof(T).Name}.";
        return Guarded(() => set(parsed));
    }

    private static string? Url(string value, Action<Uri> set)
    {
        // Only an absolute http(s) URL can be a gateway; anything else would fail on the first request instead.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            return $"'{value}' is not an absolute http or https URL.";
        set(url);
        return null;
    }

    private static string? Time(string value, Action<TimeSpan?> set)
    {
        // An empty value or "none" means no limit, as null does in code.
        if (value.Length == 0 || value.Equals("none", StringComparison.OrdinalIgnoreCase)) return Guarded(() => set(null));
        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var time)) return $"'{value}' is not a TimeSpan (e.g. 00:00:30).";
        return Guarded(() => set(time));
    }

    private static string? Span(string value, Action<TimeSpan> set) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var time) ? Guarded(() => set(time)) : $"'{value}' is not a TimeSpan (e.g. 00:00:30).";

    private static string? Guarded(Action set)
    {
        try
        {
            set();
            return null;
        }
        catch (ArgumentException e)
        {
            // The setters check their own bounds; their message says the range.
            return e.Message;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
