namespace Ezrouter;

/// <summary>A result and what the gateway said about the call (request id, build, time to first byte, retries).</summary>
/// <typeparam name="T">The generated model returned.</typeparam>
public sealed class EzrouterResponse<T>
{
    /// <summary>Creates a response.</summary>
    public EzrouterResponse(T value, EzrouterResponseInfo info)
    {
        Value = value;
        Info = info;
    }

    /// <summary>The result, as the generated model.</summary>
    public T Value { get; }

    /// <summary>The call's metadata.</summary>
    public EzrouterResponseInfo Info { get; }
}
