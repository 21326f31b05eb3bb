using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Ezrouter.Diagnostics;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Generated.OpenAi.V1.ModelsRequests;
using Microsoft.Extensions.Logging;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Catalog;

/// <summary>
/// The gateway's model catalog (<c>GET /v1/models</c>), cached. Gateway: the catalog drifts between deploys and
/// every response names the build in <c>X-New-Api-Version</c> (docs/gateway-behavior.md §15), so the cache
/// refreshes when any call sees a new build. Answers "which surfaces serve this model" and resolves dated snapshot
/// ids and their aliases (<c>claude-haiku-4-5-20251001</c> ↔ <c>claude-haiku-4-5</c>).
/// </summary>
public partial class ModelCatalog
{
    // What the generated GetAsync passes, made once: the adapter raises typed errors itself and does not read it.
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ErrorResponse.CreateFromDiscriminatorValue,
    };
    // Source-generated: built with the assembly, not compiled when the first client is.
    [GeneratedRegex(@"-\d{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedSuffix();
    private readonly OpenAiClient _client;
    private readonly IRequestAdapter _gateway;
    private string? _url;
    private readonly Func<string?> _currentVersion;
    private readonly ClientDiagnostics _diagnostics;
    private readonly Profiles.GatewayProfile _profile = Profiles.GatewayProfile.Ezrouter;
    private readonly TimeSpan? _timeToLive;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    /// <param name="client">The generated client, for the operation's URL.</param>
    /// <param name="gateway">The adapter the list is fetched through (<see cref="Http.EzrouterRequestAdapter"/>).</param>
    /// <param name="currentVersion">The gateway build the client saw last.</param>
    /// <param name="diagnostics">The client's loggers.</param>
    /// <param name="profile">The gateway's profile.</param>
    /// <param name="timeProvider">The clock of the time to live.</param>
    internal ModelCatalog(OpenAiClient client, IRequestAdapter gateway, Func<string?> currentVersion, ClientDiagnostics? diagnostics = null, Profiles.GatewayProfile? profile = null, TimeProvider? timeProvider = null)
    {
        _profile = profile ?? Profiles.GatewayProfile.Ezrouter;
        _timeToLive = _profile.CatalogTimeToLive;
        _time = timeProvider ?? TimeProvider.System;
        _client = client;
        _gateway = gateway;
        _currentVersion = currentVersion;
        _diagnostics = diagnostics ?? ClientDiagnostics.None;
    }

    /// <summary>For mocking.</summary>
    protected ModelCatalog()
    {
        _client = null!;
        _gateway = null!;
        _currentVersion = () => null;
        _diagnostics = ClientDiagnostics.None;
        _time = TimeProvider.System;
    }

    // The URL is fixed per client: the generated template is expanded once, on the first fetch, and each fetch is
    // built on the generated builder's raw-URL constructor (no template expansion per call, as Chat and Messages do).
    private string Url => _url ??= _client.V1.Models.ToGetRequestInformation().URI.OriginalString;

    /// <summary>The gateway build the cached list came from.</summary>
    public string? CachedGatewayVersion => _snapshot?.GatewayVersion;

    /// <summary>The catalog; fetched on first use, again after a redeploy or when <paramref name="refresh"/> is true.</summary>
    public virtual async Task<IReadOnlyList<Model>> ListAsync(bool refresh = false, CancellationToken cancellationToken = default)
    {
        EzrouterOperationNotSupportedException.ThrowIfUnsupported(_profile, Profiles.GatewayOperations.Models);
        var snapshot = _snapshot;
        if (!refresh && snapshot is not null && !IsStale(snapshot)) return snapshot.Models;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            snapshot = _snapshot;
            if (!refresh && snapshot is not null && !IsStale(snapshot)) return snapshot.Models;
            var reason = refresh ? "asked" : snapshot is null ? "first use" : Expired(snapshot) ? "expired" : "gateway redeployed";
            var info = new EzrouterResponseInfo();
            // The fetch is a call like any other: its span (list_models) and log line come from the request adapter.
            var request = new ModelsRequestBuilder(Url, _gateway).ToGetRequestInformation();
            request.AddRequestOptions([info]);
            var list = await _gateway.SendAsync(request, ModelList.CreateFromDiscriminatorValue, ErrorMapping, cancellationToken).ConfigureAwait(false);
            // No silent success: a models answer without its "data" array is not an empty catalog.
            var models = (IReadOnlyList<Model>?)list?.Data?.AsReadOnly()
                ?? throw new EzrouterProtocolException(new EzrouterErrorDetails
                {
                    StatusCode = info.StatusCode, RequestId = info.RequestId, GatewayVersion = info.GatewayVersion, ContentType = info.ContentType,
                    Summary = "the models answer has no \"data\" array",
                });
            // Redacting the build runs a regular expression: only for a logger that writes the line.
            if (_diagnostics.Catalog.IsEnabled(LogLevel.Information))
                CatalogLog.Refreshed(_diagnostics.Catalog, reason, models.Count, _diagnostics.Clean(info.GatewayVersion));
            _snapshot = new Snapshot(models, info.GatewayVersion, _time.GetTimestamp());
            return models;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The model with this id, or the catalog entry it is an alias or dated snapshot of; null if none.</summary>
    public virtual async Task<Model?> FindAsync(string modelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var models = await ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return models.FirstOrDefault(m => m.Id == modelId)
            ?? models.FirstOrDefault(m => m.Id is not null && AliasOf(m.Id) == modelId)
            ?? models.FirstOrDefault(m => m.Id is not null && AliasOf(modelId) == m.Id)
            ?? models.FirstOrDefault(m => m.Id is not null && AliasOf(m.Id) == AliasOf(modelId));
    }

    /// <summary>The surfaces (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>, ...) that accept this model; empty if unknown.</summary>
    public virtual async Task<IReadOnlyList<string>> GetEndpointTypesAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var model = await FindAsync(modelId, cancellationToken).ConfigureAwait(false);
        return model?.SupportedEndpointTypes?.AsReadOnly() ?? (IReadOnlyList<string>)[];
    }

    /// <summary>True when the catalog says <paramref name="endpointType"/> (e.g. <c>anthropic</c>) serves the model.</summary>
    public virtual async Task<bool> SupportsAsync(string modelId, string endpointType, CancellationToken cancellationToken = default) =>
        (await GetEndpointTypesAsync(modelId, cancellationToken).ConfigureAwait(false)).Contains(endpointType, StringComparer.OrdinalIgnoreCase);

    /// <summary>The alias of a dated snapshot id (<c>claude-haiku-4-5-20251001</c> → <c>claude-haiku-4-5</c>); other ids unchanged.</summary>
    public static string AliasOf(string modelId) => DatedSuffix().Replace(modelId, string.Empty);

    private bool IsStale(Snapshot snapshot)
    {
        var current = _currentVersion();
        return (current is not null && snapshot.GatewayVersion is not null && current != snapshot.GatewayVersion) || Expired(snapshot);
    }

    // A gateway that names no build cannot say it redeployed: its profile's time to live stands in (EzAI).
    private bool Expired(Snapshot snapshot) =>
        snapshot.GatewayVersion is null && _timeToLive is { } ttl && _time.GetElapsedTime(snapshot.FetchedAt) >= ttl;

    private sealed record Snapshot(IReadOnlyList<Model> Models, string? GatewayVersion, long FetchedAt);
}
