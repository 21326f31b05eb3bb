using System;
using System.Buffers;

namespace Ezrouter.Http;

/// <summary>
/// Where a request body is written before it is copied out whole: a buffer from <see cref="BodyBuffers"/> that grows
/// by renting a larger one, and goes back when the body is out. An <see cref="ArrayBufferWriter{T}"/> allocates each
/// size on the way up: an 80 KB conversation left about 250 KB of garbage per call, because a buffer that large is
/// not kept for the next call.
/// </summary>
internal sealed class PooledBodyWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = BodyBuffers.Rent(1024);
    private int _written;

    /// <summary>The size of the buffer now held (what keeping this writer keeps).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written) throw new InvalidOperationException("Advanced past the end of the buffer.");
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Room first: it may replace the buffer, which must not be read before it has.
        var room = Room(sizeHint);
        return _buffer.AsMemory(_written, room);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var room = Room(sizeHint);
        return _buffer.AsSpan(_written, room);
    }

    /// <summary>Starts a new body in the same buffer.</summary>
    public void Clear() => _written = 0;

    /// <summary>The buffer goes back to the pool (when it is small enough to belong there).</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0) BodyBuffers.Return(buffer);
    }

    // Room for at least sizeHint more bytes (at least one), the buffer doubled as often as that takes.
    private int Room(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            var size = Math.Max(checked(_written + needed), Math.Max(_buffer.Length, 1024) * 2L);
            var larger = BodyBuffers.Rent((int)Math.Min(size, Array.MaxLength));
            WrittenSpan.CopyTo(larger);
            if (_buffer.Length > 0) BodyBuffers.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.Length - _written;
    }
}
