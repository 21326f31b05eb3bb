namespace Ezrouter.Streaming;

/// <summary>How a stream ended. Every stream ends in exactly one of the last three, never silently.</summary>
public enum StreamOutcome
{
    /// <summary>Still being read, or not started.</summary>
    Pending = 0,

    /// <summary>Finished normally, with a finish / stop reason.</summary>
    Completed,

    /// <summary>Ended by an error (raised as an <see cref="EzrouterException"/>).</summary>
    Error,

    /// <summary>Cut short: closed before its end marker, or ended without a finish reason.</summary>
    Truncated,
}
