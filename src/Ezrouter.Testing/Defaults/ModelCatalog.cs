using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ezrouter.Testing.Defaults;

/// <summary>
/// The models the recorded gateway serves: those its own <c>GET /v1/models</c> answer lists, so a default
/// answer and the model list never disagree.
/// </summary>
internal sealed class ModelCatalog
{
    private static readonly Lazy<ModelCatalog> Embedded = new(() => FromListIn(Cassette.LoadEmbedded()) ?? new ModelCatalog([]));

    private readonly HashSet<string> ids;

    private ModelCatalog(IEnumerable<string> ids) => this.ids = new HashSet<string>(ids, StringComparer.Ordinal);

    /// <summary>The catalog's model ids.</summary>
    public IReadOnlyCollection<string> Ids => ids;

    /// <summary>
    /// The catalog from the loaded cassettes' model list (the first, by name, that answers any <c>GET /v1/models</c>
    /// whatever its headers), or, when none does (a gateway started with test cassettes only), the embedded one.
    /// </summary>
    public static ModelCatalog From(IEnumerable<Cassette> cassettes) => FromListIn(cassettes) ?? Embedded.Value;

    /// <summary>Whether the gateway would route <paramref name="model"/>.</summary>
    /// <remarks>Gateway (docs/gateway-behavior.md §19): a dated snapshot id and its alias are both accepted.</remarks>
    public bool Serves(string model) =>
        ids.Contains(model) || ids.Any(id => string.Equals(AliasOf(id), model, StringComparison.Ordinal))
        || ids.Contains(AliasOf(model));

    /// <summary>The id without a trailing <c>-YYYYMMDD</c> snapshot date.</summary>
    internal static string AliasOf(string id)
    {
        var dash = id.Length - 9;
        return dash > 0 && id[dash] == '-' && id.AsSpan(dash + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? id[..dash] : id;
    }

    private static ModelCatalog? FromListIn(IEnumerable<Cassette> cassettes)
    {
        // Ordinal name order, as the selector breaks ties, so the list that would answer is the one read.
        foreach (var cassette in cassettes.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            foreach (var interaction in cassette.Interactions)
            {
                // Only a list any plain GET gets: one that answers a particular key or header (another gateway's
                // list, a failure scenario) is not the catalog the stand-in answers route by.
                if (interaction.Request is { Method: "GET", Path: "/v1/models", Headers: null or { Count: 0 } }
                    && interaction.Response is { Status: 200, Json: { ValueKind: JsonValueKind.Object } list }
                    && list.TryGetProperty("data", out var data)
                    && data.ValueKind == JsonValueKind.Array)
                {
                    return new ModelCatalog(data.EnumerateArray()
                        .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                        .Select(m => m.GetProperty("id").GetString()!));
                }
            }
        }

        return null;
    }
}
