using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Ezrouter.Cli.Options;

/// <summary>
/// The options of the commands that call a gateway (<c>models</c>, <c>chat</c>, <c>count-tokens</c>, <c>tour</c>):
/// which gateway (<c>--profile</c>), where, with which key, and how long to wait. Each command gets its own instances, so <c>recorded-gateway --help</c> lists none of them.
/// The root keeps hidden copies of <c>--base-url</c> and <c>--api-key</c> so that <c>ezrouter --base-url U chat …</c>
/// still works; a command's own value wins.
/// </summary>
public sealed class ConnectionOptions
{
    public const string BaseUrlVariable = "EZROUTER_BASE_URL";
    public const string ApiKeyVariable = "EZROUTER_API_KEY";
    public const string ProfileVariable = "EZROUTER_PROFILE";

    private readonly RootOptions _root;

    public ConnectionOptions(RootOptions root, bool withLimits = true)
    {
        _root = root;
        WithLimits = withLimits;
        Timeout.Validators.Add(r =>
        {
            if (ParseErrors.Value<double?>(r) is { } s && (s <= 0 || s > EzrouterTimeouts.MaxLimit.TotalSeconds || double.IsNaN(s)))
                r.AddError($"--timeout must be more than 0 and at most {EzrouterTimeouts.MaxLimit.TotalSeconds:0} seconds; it was {s.ToString(CultureInfo.InvariantCulture)}.");
        });
        MaxRetries.Validators.Add(r =>
        {
            if (ParseErrors.Value<int?>(r) is { } n && n is < 0 or > 10)
                r.AddError($"--max-retries must be 0 to 10; it was {n}.");
        });
    }

    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = $"Gateway root URL, without /v1. Default: ${BaseUrlVariable}, else {EzrouterClientOptions.DefaultBaseUrl.ToString().TrimEnd('/')}." };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = $"Which gateway: {string.Join(" or ", Profiles.GatewayProfile.BuiltInNames)} (surface layout, what it serves, its retries). Default: ${ProfileVariable}, else ezrouter.",
    };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = $"API key. Default: ${ApiKeyVariable}. Never printed." };

    public Option<bool> AllowInsecureHttp { get; } = new("--allow-insecure-http") { Description = "Allow sending the key over plain http to a host that is not this machine (a trusted network only)." };

    public Option<double?> Timeout { get; } = new("--timeout") { Description = "Seconds the whole call may take, retries and stream included. Default 1800." };

    public Option<int?> MaxRetries { get; } = new("--max-retries") { Description = "Retries after a failed attempt, 0 to 10. Default 2." };

    public Option<bool> NoRetry { get; } = new("--no-retry") { Description = "Never retry (the same as --max-retries 0)." };

    private bool WithLimits { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(BaseUrl);
        command.Options.Add(Profile);
        command.Options.Add(ApiKey);
        command.Options.Add(AllowInsecureHttp);
        if (!WithLimits) return;
        command.Options.Add(Timeout);
        command.Options.Add(MaxRetries);
        command.Options.Add(NoRetry);
        command.Validators.Add(r =>
        {
            if (r.GetResult(NoRetry) is { Implicit: false } && r.GetValue(NoRetry) && r.GetResult(MaxRetries) is { Implicit: false })
                r.AddError("--no-retry and --max-retries contradict each other: pass one of them.");
        });
    }

    /// <summary>The base URL as given (option, then root option, then environment), with where it came from.</summary>
    public (string? Value, string Source) RawBaseUrl(ParseResult result) =>
        NonEmpty(result.GetValue(BaseUrl)) is { } own ? (own, "--base-url")
        : NonEmpty(result.GetValue(_root.BaseUrl)) is { } root ? (root, "--base-url")
        : NonEmpty(Environment.GetEnvironmentVariable(BaseUrlVariable)) is { } env ? (env, "$" + BaseUrlVariable)
        : (null, "the default");

    /// <summary>The gateway profile: --profile, then the environment, then ezrouter. An unknown name is a usage error naming its source.</summary>
    public Profiles.GatewayProfile ResolveProfile(ParseResult result)
    {
        var (raw, source) = NonEmpty(result.GetValue(Profile)) is { } own ? (own, "--profile")
            : NonEmpty(Environment.GetEnvironmentVariable(ProfileVariable)) is { } env ? (env, "$" + ProfileVariable)
            : (null, "the default");
        if (raw is null) return Profiles.GatewayProfile.Ezrouter;
        return Profiles.GatewayProfile.FromName(raw)
            ?? throw new CliUsageException($"{source} names no gateway profile: '{raw}'",
                $"use {string.Join(" or ", Profiles.GatewayProfile.BuiltInNames)} (ezrouter is the default).");
    }

    public string? ResolveApiKey(ParseResult result) =>
        NonEmpty(result.GetValue(ApiKey)) ?? NonEmpty(result.GetValue(_root.ApiKey)) ?? NonEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable));

    /// <summary>The checked base URL: an absolute http(s) root. Throws <see cref="CliUsageException"/> naming the option.</summary>
    public Uri? ResolveBaseUrl(ParseResult result)
    {
        var (raw, source) = RawBaseUrl(result);
        return raw is null ? null : BaseUrlCheck.Check(raw, source);
    }

    /// <summary>Builds the client after every check that needs no network: base URL, key, plain http.</summary>
    public EzrouterClient CreateClient(ParseResult result, Action<EzrouterRetryWait>? onRetryWait = null)
    {
        var profile = ResolveProfile(result);
        var baseUrl = ResolveBaseUrl(result) ?? profile.BaseUrl;
        var key = ResolveApiKey(result);
        if (key is null && !baseUrl.IsLoopback)
            throw new CliUsageException($"no API key for {baseUrl.GetLeftPart(UriPartial.Authority)}",
                $"set {ApiKeyVariable} (export {ApiKeyVariable}=sk-...) or pass --api-key; `ezrouter tour` and `ezrouter recorded-gateway` need none.");
        var insecure = result.GetValue(AllowInsecureHttp);
        if (key is not null && baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback && !insecure)
        {
            // The SDK refuses this too; saying it here names the CLI's way out. The type stays the SDK's (the --json contract).
            var refused = new InvalidOperationException($"Refusing to send the API key over plain http to {baseUrl.Host}.");
            refused.Data[Failures.HintKey] = $"use https://{baseUrl.Authority}{baseUrl.AbsolutePath.TrimEnd('/')}, or pass --allow-insecure-http if the network between here and {baseUrl.Host} is trusted.";
            throw refused;
        }
        var options = new EzrouterClientOptions { Profile = profile, ApiKey = key, BaseUrl = baseUrl, AllowInsecureHttp = insecure };
        if (WithLimits)
        {
            if (result.GetValue(Timeout) is { } seconds)
            {
                options.Timeouts.Total = TimeSpan.FromSeconds(seconds);
                // A wait that cannot finish inside the limit is not started: the call fails at once with the real error.
                options.Retry.MaxTotalTime = options.Timeouts.Total.Value;
            }
            if (result.GetValue(NoRetry)) options.Retry.MaxRetries = 0;
            else if (result.GetValue(MaxRetries) is { } retries) options.Retry.MaxRetries = retries;
        }
        options.Retry.OnRetryWait = onRetryWait;
        return new EzrouterClient(options);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The root's hidden copies, for <c>ezrouter --base-url U &lt;command&gt;</c>.</summary>
public sealed class RootOptions
{
    public Option<string?> BaseUrl { get; } = new("--base-url") { Hidden = true };

    public Option<string?> ApiKey { get; } = new("--api-key") { Hidden = true };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(BaseUrl);
        root.Options.Add(ApiKey);
    }

    /// <summary>For a command that takes no connection options: refuses them when given before it.</summary>
    public void RefuseFor(Command command) => command.Validators.Add(r =>
    {
        foreach (var option in new[] { BaseUrl, ApiKey })
            if (r.GetResult(option) is { Implicit: false })
                r.AddError($"{option.Name} does not apply to `{command.Name}`: it calls no gateway.");
    });
}
