using System;

namespace Ezrouter;

/// <summary>
/// The gateway reported an error inside a stream that had started with HTTP 200: a <c>data: {"error":…}</c> chunk, an
/// Anthropic <c>event: error</c>, or an error JSON written into the SSE body without <c>data:</c>.
/// <see cref="EzrouterException.PartialResponse"/> holds the content and usage received before it.
/// </summary>
public sealed class EzrouterStreamException : EzrouterException
{
    /// <summary>Creates the exception.</summary>
    public EzrouterStreamException(EzrouterErrorDetails details, Exception? innerException = null) : base(details, innerException)
    {
    }
}
