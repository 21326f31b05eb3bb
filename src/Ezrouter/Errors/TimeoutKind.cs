namespace Ezrouter;

/// <summary>Which of the client's timeouts fired.</summary>
public enum TimeoutKind
{
    /// <summary>Opening the TCP/TLS connection took longer than <see cref="EzrouterTimeouts.Connect"/>.</summary>
    Connect,

    /// <summary>No response headers arrived within <see cref="EzrouterTimeouts.FirstByte"/> of sending; the gateway queues silently under load.</summary>
    FirstByte,

    /// <summary>A stream went quiet for longer than <see cref="EzrouterTimeouts.Idle"/> between two events.</summary>
    Idle,

    /// <summary>The whole call, stream included, took longer than <see cref="EzrouterTimeouts.Total"/>.</summary>
    Total,
}
