namespace Ezrouter.ContractTests.Support;

/// <summary>What a cassette says the gateway sent, for exact assertions without copying ids into tests.</summary>
public static class RecordedIds
{
    /// <summary>The <c>X-Oneapi-Request-Id</c> header of one interaction's response.</summary>
    public static string RequestId(string cassette, int interaction = 0) =>
        EmbeddedCassettes.Get(cassette).Interactions[interaction].Response.Headers?
            .Single(h => h.Key.Equals("X-Oneapi-Request-Id", StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new InvalidOperationException($"{cassette}#{interaction} has no headers");
}
