using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ezrouter.Testing.Defaults;

/// <summary>
/// The models the recorded gateway serves: those its <c>GET /v1/models</c> answers list, so a default answer and a
/// model list never disagree.
/// </summary>
internal sealed class ModelCatalog
{
    private static readonly Lazy<ModelCatalog> Embedded = new(() => FromListIn(Cassette.LoadEmbedded()) ?? new ModelCatalog([]));

    private readonly HashSet<string> ids;

    private ModelCatalog(IEnumerable<string> ids) => this.ids = new HashSet<string>(ids, StringComparer.Ordinal);

    /// <summary>The catalog's model ids.</summary>
    public IReadOnlyCollection<string> Ids => ids;

    /// <summary>
    /// The catalog from the loaded cassettes' model lists (all of them: the gateway's own, and another gateway's that
    /// answers only its key), or, when none holds one (a gateway started with test cassettes only), the embedded one.
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
        // The models of every successful list the cassettes hold: the one any plain GET gets (the gateway's own), and
        // those only a particular key gets (another gateway's, e.g. EzAI's), so a stand-in answer routes any model one
        // of the recorded gateways serves. Null when no cassette holds a list.
        var ids = new List<string>();
        var found = false;
        foreach (var cassette in cassettes)
        {
            foreach (var interaction in cassette.Interactions)
            {
                if (interaction.Request is { Method: "GET", Path: "/v1/models" }
                    && interaction.Response is { Status: 200, Json: { ValueKind: JsonValueKind.Object } list }
                    && list.TryGetProperty("data", out var data)
                    && data.ValueKind == JsonValueKind.Array)
                {
                    found = true;
                    ids.AddRange(data.EnumerateArray()
                        .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                        .Select(m => m.GetProperty("id").GetString()!));
                }
            }
        }

        return found ? new ModelCatalog(ids) : null;
    }
}
