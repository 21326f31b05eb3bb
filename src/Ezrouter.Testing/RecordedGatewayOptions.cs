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

    /// <summary>
    /// Whether a request no cassette matches gets a <c>404</c> whose <c>recorded_gateway_no_match</c> error names
    /// the closest cassette, for tests that must not fall through. Defaults to false: such a request gets what
    /// the gateway would answer any client: for a well-formed chat or messages request to a model in the
    /// catalog (the models <c>GET /v1/models</c> lists), a stand-in reply in the gateway's wire format, named by
    /// the <c>X-Cassette</c> response header; for another model, the gateway's 503 <c>model_not_found</c>; for a
    /// path outside the API, its web page. Requests it cannot answer that way still get the 404.
    /// </summary>
    public bool Strict { get; set; }
}
