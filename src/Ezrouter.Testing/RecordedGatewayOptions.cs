using System.Collections.Generic;

namespace Ezrouter.Testing;

/// <summary>Options for <see cref="RecordedGateway.StartAsync(RecordedGatewayOptions?, System.Threading.CancellationToken)"/>.</summary>
public sealed class RecordedGatewayOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>A directory of extra cassette files (<c>*.json</c>, not recursive), or null.</summary>
    public string? CassetteDirectory { get; set; }

    /// <summary>Whether to load the cassettes embedded in this assembly. Defaults to true.</summary>
    public bool IncludeEmbedded { get; set; } = true;

    /// <summary>
    /// In-memory cassettes. On a name clash, these override directory cassettes, which override
    /// embedded ones.
    /// </summary>
    public IReadOnlyList<Cassette> Cassettes { get; set; } = [];
}
