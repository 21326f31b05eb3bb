using System;
using System.Net;

namespace Ezrouter;

/// <summary>
/// How much of a response the client holds in memory, so a broken or hostile server cannot exhaust it: the largest
/// stream event, the largest answer a call accumulates, and whether (and how far) a compressed body is inflated.
/// Each limit, once passed, ends the call in an <see cref="EzrouterProtocolException"/> that names it and carries
/// what arrived before it (<see cref="EzrouterException.PartialResponse"/>). Set on
/// <see cref="EzrouterClientOptions.Limits"/>; the client copies it.
/// </summary>
public sealed class EzrouterLimits
{
    /// <summary>The smallest value a size limit accepts: 1 KiB.</summary>
    public const long MinSize = 1024;

    /// <summary>The largest <see cref="MaxEventBytes"/> accepted: 1 GiB (an SSE parser cannot hold a 2 GiB line anyway).</summary>
    public const long MaxEventBytesLimit = 1L << 30;

    /// <summary>The default <see cref="MaxEventBytes"/>: 16 MiB.</summary>
    public const long DefaultMaxEventBytes = 16L << 20;

    /// <summary>The default <see cref="MaxAnswerChars"/>: 64 Mi characters (128 MiB of managed strings).</summary>
    public const long DefaultMaxAnswerChars = 64L << 20;

    /// <summary>The default <see cref="MaxDecompressedBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxDecompressedBytes = 256L << 20;

    private const DecompressionMethods Inflatable = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli;

    private long _maxEventBytes = DefaultMaxEventBytes;
    private long? _maxAnswerChars = DefaultMaxAnswerChars;
    private long _maxDecompressedBytes = DefaultMaxDecompressedBytes;
    private DecompressionMethods _decompression = DecompressionMethods.None;

    /// <summary>The client's limits when none were given.</summary>
    internal static EzrouterLimits Default { get; } = new();

    /// <summary>
    /// The size a stream event may not reach, in bytes of its lines (<c>data:</c> prefixes included, line ends not).
    /// Default 16 MiB, far above any real event (a whole tool call arrives as a few KiB). Enforced while the body is
    /// read, so a larger line is never buffered whole: the client holds at most about twice this while reading one
    /// event. Between <see cref="MinSize"/> and <see cref="MaxEventBytesLimit"/>.
    /// </summary>
    public long MaxEventBytes { get => _maxEventBytes; set => _maxEventBytes = Checked(value, MaxEventBytesLimit); }

    /// <summary>
    /// The most text one call accumulates into its answer (content, reasoning, refusal, thinking and tool arguments
    /// of every choice or block, in UTF-16 characters). Default 64 Mi characters: a hundred times the longest answer a
    /// model writes today, yet a bound on a server that never stops. Applies to non-stream calls and to streams alike:
    /// a stream's <c>Accumulator</c> keeps every delta too, so without it a stream would grow without bound. Null
    /// lifts it (then memory grows with the answer). At least <see cref="MinSize"/>.
    /// </summary>
    public long? MaxAnswerChars
    {
        get => _maxAnswerChars;
        set => _maxAnswerChars = value is { } chars ? Checked(chars, long.MaxValue) : null;
    }

    /// <summary>
    /// Which <c>Content-Encoding</c>s the client asks for (<c>Accept-Encoding</c>) and inflates. Default
    /// <see cref="DecompressionMethods.None"/>: the gateway's answers are small next to the time they take, and an
    /// inflater is how 1 MiB on the wire becomes 1 GiB in memory. A body in an encoding not asked for ends the call in
    /// an <see cref="EzrouterProtocolException"/>. Applies to the transport this SDK builds and to the handler chain
    /// (a caller's own transport that inflates by itself removes the header first, and is not bounded by this).
    /// </summary>
    public DecompressionMethods Decompression
    {
        get => _decompression;
        // All is every bit set; kept as the three encodings this client can inflate.
        set => _decompression = value == DecompressionMethods.All ? Inflatable
            : (value & ~Inflatable) == 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(Decompression), value, "Decompression is None, All, or a combination of GZip, Deflate and Brotli.");
    }

    /// <summary>
    /// The largest body, once inflated, when <see cref="Decompression"/> allows an encoding. Default 256 MiB. A body
    /// that inflates past it ends the call in an <see cref="EzrouterProtocolException"/>. At least
    /// <see cref="MinSize"/>.
    /// </summary>
    public long MaxDecompressedBytes { get => _maxDecompressedBytes; set => _maxDecompressedBytes = Checked(value, long.MaxValue); }

    internal EzrouterLimits Clone() => (EzrouterLimits)MemberwiseClone();

    // Below 1 KiB no real answer fits, so a smaller value is a mistake (bytes for kilobytes), not a choice.
    private static long Checked(long value, long max, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value < MinSize || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} is at least {MinSize} and at most {max}; it was {value}.")
            : value;
}
