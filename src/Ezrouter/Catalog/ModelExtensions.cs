using System;
using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Catalog;

/// <summary>Reading the gateway's extensions on a catalog entry.</summary>
public static class ModelExtensions
{
    /// <summary>
    /// Gateway: every model's <c>created</c> is this constant (2021-07-20), not a release date
    /// (docs/gateway-behavior.md §19).
    /// </summary>
    public const long PlaceholderCreated = 1626777600;

    /// <summary>True when <c>created</c> is the gateway's placeholder rather than a real date.</summary>
    public static bool HasPlaceholderCreated(this Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Created == PlaceholderCreated;
    }

    /// <summary>The creation date, or null when the gateway sent its placeholder (or nothing).</summary>
    public static DateTimeOffset? CreatedAt(this Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Created is { } seconds && seconds != PlaceholderCreated ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }
}
