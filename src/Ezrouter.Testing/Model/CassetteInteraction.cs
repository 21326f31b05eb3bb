namespace Ezrouter.Testing;

/// <summary>One request matcher and the response replayed when it matches.</summary>
public sealed class CassetteInteraction
{
    /// <summary>What a request must look like to get <see cref="Response"/>.</summary>
    public required CassetteRequest Request { get; init; }

    /// <summary>What the gateway sends back.</summary>
    public required CassetteResponse Response { get; init; }
}
