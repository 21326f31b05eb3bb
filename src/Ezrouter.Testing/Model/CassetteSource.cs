namespace Ezrouter.Testing;

/// <summary>Provenance of a cassette.</summary>
public sealed class CassetteSource
{
    /// <summary>The value of <see cref="Kind"/> for a cassette written by hand from the references.</summary>
    public const string Authored = "authored";

    /// <summary>The value of <see cref="Kind"/> for a cassette captured by record mode.</summary>
    public const string Recorded = "recorded";

    /// <summary><c>"authored"</c> or <c>"recorded"</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The reference it was authored from, or the gateway it was recorded against.</summary>
    public string? From { get; init; }

    /// <summary>The date it was written or recorded, <c>yyyy-MM-dd</c> (UTC).</summary>
    public string? Date { get; init; }
}
