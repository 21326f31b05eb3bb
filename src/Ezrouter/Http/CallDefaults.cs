using System;
using System.Net.Http;
using System.Threading;
using Ezrouter.Diagnostics;

namespace Ezrouter.Http;

/// <summary>What every call of one <see cref="EzrouterClient"/> starts from: its limits, clock, key and pipeline.</summary>
/// <param name="Timeouts">The client's time limits.</param>
/// <param name="Time">The clock they run on.</param>
/// <param name="Secret">The API key, redacted from anything an error keeps.</param>
/// <param name="Http">The pipeline.</param>
/// <param name="Bounds">The memory bounds (<see cref="EzrouterLimits"/>); null: the defaults.</param>
/// <param name="Diagnostics">The client's loggers and telemetry settings; null: nothing logged.</param>
internal sealed record CallDefaults(EzrouterTimeouts Timeouts, TimeProvider Time, string? Secret, HttpClient Http, EzrouterLimits? Bounds = null, ClientDiagnostics? Diagnostics = null)
{
    /// <summary>The gateway's profile: the layer's calls check their operation against it before sending.</summary>
    public Profiles.GatewayProfile Profile { get; init; } = Profiles.GatewayProfile.Ezrouter;

    /// <summary>Throws <see cref="EzrouterOperationNotSupportedException"/> when the profile lacks <paramref name="operation"/>.</summary>
    public void Require(Profiles.GatewayOperations operation) => EzrouterOperationNotSupportedException.ThrowIfUnsupported(Profile, operation);

    /// <summary>
    /// Opens a call's scope: the client's limits, or <paramref name="overrides"/> (an <see cref="EzrouterTimeouts"/>
    /// the request carries in its options).
    /// </summary>
    public CallScope BeginCall(EzrouterResponseInfo info, CancellationToken first, CancellationToken second = default, EzrouterTimeouts? overrides = null) =>
        new(overrides?.Clone() ?? Timeouts, Time, info, Secret, first, second, Bounds) { Diagnostics = Diagnostics ?? ClientDiagnostics.None };
}
