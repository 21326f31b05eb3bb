using System;
using System.Collections.Generic;
using System.Linq;

namespace Ezrouter.Profiles;

/// <summary>
/// What the client needs to know about one compatible gateway: where each surface lives under the base URL, the
/// User-Agent it accepts, the statuses worth a retry with backoff, how the model catalog notices a change, and which
/// operations it serves. <see cref="Ezrouter"/> (the default) and <see cref="EzAi"/> are built in; describe another
/// gateway with an object initializer (<c>new GatewayProfile { Name = "mine", BaseUrl = ..., AnthropicPath = "" }</c>).
/// Immutable: a profile can be shared by any number of clients.
/// </summary>
public sealed class GatewayProfile
{
    // Declared first: the built-in profiles below are initialized in order and read it.
    /// <summary>
    /// The statuses retried with backoff on every profile unless it says otherwise: 408, 502, 503, 504 and 529 (an
    /// overloaded upstream, which ezrouter relays without a <c>Retry-After</c> and EzAI asks clients to retry).
    /// </summary>
    public static IReadOnlySet<int> DefaultBackoffStatuses { get; } = new HashSet<int> { 408, 502, 503, 504, 529 };

    private readonly IReadOnlySet<int> _backoffStatuses = DefaultBackoffStatuses;

    /// <summary>
    /// ezrouter (new-api): the OpenAI surface at <c>https://www.ezrouter.dev/v1</c>, the Anthropic surface under
    /// <c>/anthropic/v1</c>; no count_tokens; 529 retried with backoff; the catalog refreshes when <c>X-New-Api-Version</c>
    /// changes.
    /// </summary>
    public static GatewayProfile Ezrouter { get; } = new()
    {
        Name = "ezrouter",
        BaseUrl = new Uri("https://www.ezrouter.dev"),
        AnthropicPath = "/anthropic",
        Operations = GatewayOperations.All & ~GatewayOperations.CountTokens,
    };

    /// <summary>
    /// EzAI: both surfaces at the root of <c>https://ezaiapi.com</c> (<c>/v1/messages</c> with <c>x-api-key</c> and
    /// <c>anthropic-version</c>, <c>/v1/chat/completions</c> and <c>/v1/models</c> with Bearer); count_tokens served;
    /// 529 retried with backoff; no build header, so the catalog is refetched after <see cref="CatalogTimeToLive"/>;
    /// clients pace themselves from its rate-limit headers (<see cref="PaceRateLimits"/>).
    /// Its firewall refuses the User-Agents of common SDKs: this SDK's own is sent unless the caller sets another.
    /// </summary>
    public static GatewayProfile EzAi { get; } = new()
    {
        Name = "ezai",
        BaseUrl = new Uri("https://ezaiapi.com"),
        AnthropicPath = "",
        Operations = GatewayOperations.All,
        CatalogTimeToLive = TimeSpan.FromMinutes(10),
        PaceRateLimits = true,
    };

    /// <summary>A short name for messages and the CLI (<c>ezrouter</c>, <c>ezai</c>).</summary>
    public string Name { get; init; } = "custom";

    /// <summary>The gateway root, without <c>/v1</c>: the OpenAI-compatible surface is at <c>{BaseUrl}/v1</c>. Used when <see cref="EzrouterClientOptions.BaseUrl"/> is not set.</summary>
    public Uri BaseUrl { get; init; } = new("https://www.ezrouter.dev");

    /// <summary>
    /// Where the Anthropic-compatible surface lives under the base URL, without <c>/v1</c>: <c>/anthropic</c> on
    /// ezrouter, empty when <c>/v1/messages</c> is at the root. Overridden by <see cref="EzrouterClientOptions.AnthropicBaseUrl"/>.
    /// </summary>
    public string AnthropicPath { get; init; } = "/anthropic";

    /// <summary>The User-Agent to send; null (the default) sends this SDK's, <c>ezrouter-dotnet/{version}</c>. <see cref="EzrouterClientOptions.UserAgent"/> wins over it.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The operations the gateway serves; a call to any other fails before sending with <see cref="EzrouterOperationNotSupportedException"/>.</summary>
    public GatewayOperations Operations { get; init; } = GatewayOperations.All;

    /// <summary>
    /// The statuses retried with backoff (full jitter) whether or not the gateway named a wait, on top of connection
    /// failures; 429, and 529 when a profile leaves it out, are retried only after a <c>Retry-After</c>. Default
    /// <see cref="DefaultBackoffStatuses"/>. <see cref="EzrouterRetryOptions.ShouldRetry"/> replaces the whole table.
    /// </summary>
    public IReadOnlySet<int> BackoffStatuses
    {
        get => _backoffStatuses;
        init => _backoffStatuses = new HashSet<int>(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// How long a fetched model catalog is used when the gateway sends no build header (<c>X-New-Api-Version</c>) to
    /// say it redeployed; null keeps it until a build change or an explicit refresh.
    /// </summary>
    public TimeSpan? CatalogTimeToLive { get; init; }

    /// <summary>
    /// Whether a client paces itself from the gateway's rate-limit headers by default (<c>x-ratelimit-*</c>,
    /// <c>x-concurrent-*</c>): true for EzAI, which refuses past its limits with 429; false for ezrouter, which sends
    /// no such headers and queues instead. <see cref="EzrouterClientOptions.RateLimitPacing"/> overrides it either way.
    /// </summary>
    public bool PaceRateLimits { get; init; }

    /// <summary>True when the gateway serves <paramref name="operation"/> (every flag of it).</summary>
    public bool Supports(GatewayOperations operation) => (Operations & operation) == operation;

    /// <summary>The Anthropic surface's root for a base URL, per <see cref="AnthropicPath"/>.</summary>
    internal string AnthropicBaseFor(Uri baseUrl) => baseUrl.ToString().TrimEnd('/') + NormalizedPath(AnthropicPath);

    /// <summary>The built-in profile with this name (<c>ezrouter</c>, <c>ezai</c>; case-insensitive), or null.</summary>
    public static GatewayProfile? FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "ezrouter" => Ezrouter,
        "ezai" => EzAi,
        _ => null,
    };

    /// <summary>The names <see cref="FromName"/> knows.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["ezrouter", "ezai"];

    private static string NormalizedPath(string? path) =>
        string.IsNullOrWhiteSpace(path) ? "" : "/" + path.Trim().Trim('/');

    /// <inheritdoc />
    public override string ToString() =>
        $"GatewayProfile {{ Name = {Name}, BaseUrl = {BaseUrl}, AnthropicPath = {NormalizedPath(AnthropicPath)}, Operations = {Operations}, PaceRateLimits = {PaceRateLimits}, BackoffStatuses = [{string.Join(",", BackoffStatuses.Order())}] }}";
}
