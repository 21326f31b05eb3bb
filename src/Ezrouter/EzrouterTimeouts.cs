using System;

namespace Ezrouter;

/// <summary>
/// The client's timeouts, each separate. The gateway has no upstream timeout and queues silently under load
/// (docs/gateway-behavior.md §17), so these are the only limits a call has. Null switches one off.
/// </summary>
public sealed class EzrouterTimeouts
{
    /// <summary>Opening a connection (applies to the transport this SDK builds). Default 10 s.</summary>
    public TimeSpan? Connect { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>From sending a request (each attempt) to its response headers. Default 5 min: reasoning models can think long before answering.</summary>
    public TimeSpan? FirstByte { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest pause between two stream events. Default 5 min, the gateway's own streaming cut-off.</summary>
    public TimeSpan? Idle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The whole call including retries and the full stream. Default 30 min, so long generations are not cut at 100 s.</summary>
    public TimeSpan? Total { get; set; } = TimeSpan.FromMinutes(30);

    internal EzrouterTimeouts Clone() => (EzrouterTimeouts)MemberwiseClone();
}
