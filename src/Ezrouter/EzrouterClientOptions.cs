using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ezrouter.Middleware.Options;
using Ezrouter.Profiles;

namespace Ezrouter;

/// <summary>
/// Settings for an <see cref="EzrouterClient"/>. The client copies them when it is built: changing the options
/// afterwards does not change a client.
/// </summary>
public sealed class EzrouterClientOptions
{
    /// <summary>The default gateway.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://www.ezrouter.dev");

    /// <summary>The API key, sent as <c>Authorization: Bearer</c> on <c>/v1</c> and <c>x-api-key</c> on the Anthropic surface. Never logged or shown.</summary>
    public string? ApiKey { get; set; }

    private Uri? _baseUrl;

    /// <summary>
    /// Which gateway this is: where its surfaces live, its User-Agent, what it retries, how its catalog refreshes and
    /// which operations it serves. Default <see cref="GatewayProfile.Ezrouter"/>; <see cref="GatewayProfile.EzAi"/>
    /// for EzAI, or a <see cref="GatewayProfile"/> of your own for another compatible gateway.
    /// </summary>
    public GatewayProfile Profile { get; set; } = GatewayProfile.Ezrouter;

    /// <summary>The gateway's base URL, without <c>/v1</c>. Default: the profile's (<c>https://www.ezrouter.dev</c> for ezrouter).</summary>
    public Uri BaseUrl
    {
        get => _baseUrl ?? Profile?.BaseUrl ?? DefaultBaseUrl;
        set => _baseUrl = value;
    }

    /// <summary>The Anthropic surface's base URL, without <c>/v1</c>. Default: <see cref="BaseUrl"/> + the profile's <see cref="GatewayProfile.AnthropicPath"/> (<c>/anthropic</c> on ezrouter, the root on EzAI).</summary>
    public Uri? AnthropicBaseUrl { get; set; }

    /// <summary>
    /// The User-Agent header on every request. Default: the profile's, else this SDK's own
    /// (<c>ezrouter-dotnet/{version}</c>). Some gateways' firewalls refuse common SDKs' User-Agents with a 403.
    /// </summary>
    public string? UserAgent { get; set; }

    /// <summary>The <c>anthropic-version</c> header on the Anthropic surface. Default <c>2023-06-01</c> (the gateway's default too).</summary>
    public string AnthropicVersion { get; set; } = "2023-06-01";

    /// <summary>An <c>anthropic-beta</c> header for every Anthropic-surface request, if set.</summary>
    public string? AnthropicBeta { get; set; }

    /// <summary>
    /// The end user every request is made for, unless the request names one: sent as OpenAI <c>user</c> and Anthropic
    /// <c>metadata.user_id</c>. (The gateway drops <c>user</c> when it converts a request for a Claude upstream.)
    /// </summary>
    public string? EndUserId { get; set; }

    /// <summary>The innermost handler (the transport). Default: a <c>SocketsHttpHandler</c> with <see cref="EzrouterTimeouts.Connect"/>.</summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>Timeouts: connect, first byte, idle between stream events, total.</summary>
    public EzrouterTimeouts Timeouts { get; set; } = new();

    /// <summary>Memory bounds: the largest stream event, the largest accumulated answer, and decompression (off by default).</summary>
    public EzrouterLimits Limits { get; set; } = new();

    /// <summary>Retry policy.</summary>
    public EzrouterRetryOptions Retry { get; set; } = new();

    /// <summary>An adaptive limit on requests in flight (off when null, the default). See <see cref="EzrouterConcurrencyOptions"/>.</summary>
    public EzrouterConcurrencyOptions? Concurrency { get; set; }

    /// <summary>
    /// Pacing from the gateway's rate-limit headers, so calls beyond the account's limits wait in the client instead
    /// of drawing 429s. Null (the default) leaves it to the profile (<see cref="GatewayProfile.PaceRateLimits"/>: on for
    /// EzAI, off for ezrouter); an instance turns it on for any profile, or off with <c>Enabled = false</c>. See
    /// <see cref="RateLimitPacingOptions"/>.
    /// </summary>
    public RateLimitPacingOptions? RateLimitPacing { get; set; }

    /// <summary>Allow sending the key over plain <c>http://</c> to a host that is not loopback. Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Where the client logs retries and their waits, time limits that cut a call, how each call and stream ended,
    /// and catalog refreshes (categories <c>Ezrouter.Calls</c>, <c>Ezrouter.Streaming</c>, <c>Ezrouter.Retry</c>,
    /// <c>Ezrouter.Catalog</c>). Default: <see cref="NullLoggerFactory"/>, nothing logged. <c>AddEzrouter</c> uses the
    /// container's <see cref="ILoggerFactory"/>. No log line carries the key, a header, a body or message text.
    /// </summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Record prompt and completion text on the call's span (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.system_instructions</c>, <c>gen_ai.output.messages</c>), as the OpenTelemetry GenAI conventions
    /// describe. Default false: the text may be sensitive, and it is recorded only when a span listener samples the
    /// call. The API key is taken out of it either way.
    /// </summary>
    public bool CaptureMessageContent { get; set; }

    /// <summary>The clock for backoff and timeouts; tests inject their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <inheritdoc />
    public override string ToString() =>
        $"EzrouterClientOptions {{ Profile = {Profile?.Name}, BaseUrl = {BaseUrl}, AnthropicBaseUrl = {AnthropicBaseUrl?.ToString() ?? "(default)"}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "[REDACTED]")} }}";
}
