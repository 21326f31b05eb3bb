namespace Ezrouter.Testing.Replay;

/// <summary>The outcome of selection: a cassette and interaction, or a diagnostic.</summary>
internal readonly record struct Selection(Cassette? Cassette, int Index, string? Diagnostic)
{
    public static Selection Match(Cassette cassette, int index) => new(cassette, index, null);

    public static Selection NoMatch(string diagnostic) => new(null, -1, diagnostic);
}
