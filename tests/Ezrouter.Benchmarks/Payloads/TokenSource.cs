namespace Ezrouter.Benchmarks.Payloads;

/// <summary>
/// Deterministic model-like text: token-sized pieces (a leading space, punctuation, the odd non-ASCII word or escaped
/// quote) from a fixed seed, so every run and every SDK sees the same bytes.
/// </summary>
internal sealed class TokenSource
{
    private static readonly string[] Words =
    [
        " the", " gateway", " streams", " each", " token", " as", " a", " chunk", ",", ".", " and", " model",
        " returns", " usage", " at", " end", " of", " response", " with", " SSE", " framing", " we", " parse",
        " bytes", " into", " events", " then", " JSON", " objects", " for", " caller", " —", " café", " naïve",
        " 東京", " \"quoted\"", "\n\n", " 42", " ms", " latency", " is", " low", " here", ":", " it", " works",
    ];

    private ulong _state;

    public TokenSource(ulong seed) => _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    /// <summary>The next pseudo-random number (xorshift64*), the same on every platform and .NET version.</summary>
    public ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 2685821657736338717UL;
    }

    public int Next(int maxExclusive) => (int)(Next() % (ulong)maxExclusive);

    /// <summary>One token-sized piece of text.</summary>
    public string NextToken() => Words[Next(Words.Length)];

    /// <summary>A few tokens, as a text_delta or thinking_delta carries them.</summary>
    public string NextPhrase(int minTokens, int maxTokens)
    {
        var count = minTokens + Next(maxTokens - minTokens + 1);
        var text = string.Empty;
        for (var i = 0; i < count; i++) text += NextToken();
        return text;
    }
}
