using System;
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

    /// <summary>
    /// An account tier to enforce, as EzAI does (<see cref="RateLimitTier.Free"/> ... <see cref="RateLimitTier.Ultra"/>),
    /// or null (the default) for none. With a tier, every answer carries the six rate-limit headers
    /// (<c>x-ratelimit-tier</c>, <c>x-ratelimit-limit-requests</c>, <c>x-ratelimit-remaining-requests</c>,
    /// <c>x-ratelimit-reset-requests</c>, <c>x-concurrent-limit</c>, <c>x-concurrent-remaining</c>; a cassette's own
    /// values are replaced), and a request past the tier's requests per <see cref="RateWindow"/> or its requests in
    /// flight is answered 429 with <c>Retry-After</c> and EzAI's error body instead of its cassette.
    /// <see cref="RecordedRequest.Status"/> tells the refused ones in <see cref="RecordedGateway.Requests"/>.
    /// </summary>
    public RateLimitTier? Tier { get; set; }

    private TimeSpan rateWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The length of the <see cref="Tier"/>'s request window: one minute (the default) as EzAI counts, or shorter so
    /// a test need not wait a minute. Windows start at whole multiples of it (on the minute for a minute), and
    /// <c>x-ratelimit-reset-requests</c> names the end of the current one. Above 0, at most 1 day.
    /// </summary>
    public TimeSpan RateWindow
    {
        get => rateWindow;
        set => rateWindow = value > TimeSpan.Zero && value <= TimeSpan.FromDays(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RateWindow), value, "Must be above 0 and at most 1 day.");
    }
}
