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

    /// <summary>The result, for callers that only want the model (<c>CreateChatCompletionResponse c = await client.Chat.CompleteAsync(r);</c>).</summary>
    /// <param name="response">The response; <see cref="System.ArgumentNullException"/> when null.</param>
    public static implicit operator T(EzrouterResponse<T> response) =>
        (response ?? throw new System.ArgumentNullException(nameof(response))).Value;

    /// <summary>The result; the method form of the implicit conversion, for languages without conversion operators.</summary>
    public T ToValue() => Value;
}
