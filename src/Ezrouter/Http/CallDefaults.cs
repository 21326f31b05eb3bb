using System;
using System.Net.Http;
using System.Threading;

namespace Ezrouter.Http;

/// <summary>What every call of one <see cref="EzrouterClient"/> starts from: its limits, clock, key and pipeline.</summary>
internal sealed record CallDefaults(EzrouterTimeouts Timeouts, TimeProvider Time, string? Secret, HttpClient Http)
{
    /// <summary>
    /// Opens a call's scope: the client's limits, or <paramref name="overrides"/> (an <see cref="EzrouterTimeouts"/>
    /// the request carries in its options).
    /// </summary>
    public CallScope BeginCall(EzrouterResponseInfo info, CancellationToken first, CancellationToken second = default, EzrouterTimeouts? overrides = null) =>
        new(overrides?.Clone() ?? Timeouts, Time, info, Secret, first, second);
}
