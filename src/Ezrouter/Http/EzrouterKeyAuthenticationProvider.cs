using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Ezrouter.Http;

/// <summary>
/// Puts the API key on each request the way each surface expects it: <c>Authorization: Bearer</c> on the OpenAI
/// surface; <c>x-api-key</c> plus <c>anthropic-version</c> (and <c>anthropic-beta</c> if set) on the Anthropic
/// surface. Refuses to send the key over plain <c>http://</c> to a host that is not loopback unless allowed —
/// Kiota's own <c>ApiKeyAuthenticationProvider</c> refuses every http host, loopback test servers included.
/// </summary>
public sealed class EzrouterKeyAuthenticationProvider : IAuthenticationProvider
{
    private readonly string? _apiKey;
    private readonly bool _anthropic;
    private readonly string _anthropicVersion;
    private readonly string? _anthropicBeta;
    private readonly bool _allowInsecureHttp;

    /// <summary>Creates the provider for one surface.</summary>
    public EzrouterKeyAuthenticationProvider(string? apiKey, bool anthropicSurface, string anthropicVersion = "2023-06-01", string? anthropicBeta = null, bool allowInsecureHttp = false)
    {
        if (apiKey is not null) HeaderValues.Validate(apiKey, nameof(apiKey));
        HeaderValues.Validate(anthropicVersion, nameof(anthropicVersion));
        if (anthropicBeta is not null) HeaderValues.Validate(anthropicBeta, nameof(anthropicBeta));
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        _anthropic = anthropicSurface;
        _anthropicVersion = anthropicVersion;
        _anthropicBeta = anthropicBeta;
        _allowInsecureHttp = allowInsecureHttp;
        // Known to every EzrouterException while this provider lives, so an exception redacts the key even where
        // the code that built it did not have it (docs/gateway-behavior.md §1).
        SecretRedaction.Track(this, _apiKey);
    }

    /// <inheritdoc />
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_anthropic)
        {
            request.Headers.TryAdd("anthropic-version", _anthropicVersion);
            if (_anthropicBeta is not null) request.Headers.TryAdd("anthropic-beta", _anthropicBeta);
        }
        if (_apiKey is null) return Task.CompletedTask;

        var uri = request.URI;
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !_allowInsecureHttp)
            throw new InvalidOperationException($"Refusing to send the API key over plain http to {uri.Host}: use https, or set EzrouterClientOptions.AllowInsecureHttp.");
        if (_anthropic) request.Headers.TryAdd("x-api-key", _apiKey);
        else request.Headers.TryAdd("Authorization", "Bearer " + _apiKey);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"EzrouterKeyAuthenticationProvider {{ Surface = {(_anthropic ? "anthropic" : "openai")}, ApiKey = {(_apiKey is null ? "(none)" : "[REDACTED]")} }}";
}
