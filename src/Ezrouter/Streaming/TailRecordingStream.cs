using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Streaming;

/// <summary>
/// A read-through wrapper that remembers the last bytes of a response body. Gateway: when a Claude upstream fails
/// mid-stream, the gateway writes an error JSON into the SSE body without <c>data:</c> and without <c>[DONE]</c>
/// (docs/gateway-behavior.md §10); an SSE parser skips such a line by the spec, so the tail is where we find it.
/// </summary>
internal sealed class TailRecordingStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _ring;
    private readonly int _capacity;
    private long _written;
    private bool _disposed;

    public TailRecordingStream(Stream inner, int capacity = 4096)
    {
        _inner = inner;
        // Pooled: one per stream, returned on dispose.
        _ring = ArrayPool<byte>.Shared.Rent(capacity);
        _capacity = capacity;
    }

    /// <summary>The last bytes read, oldest first.</summary>
    public byte[] GetTail()
    {
        var length = (int)Math.Min(_written, _capacity);
        var tail = new byte[length];
        var start = (int)((_written - length) % _capacity);
        var first = Math.Min(length, _capacity - start);
        Array.Copy(_ring, start, tail, 0, first);
        Array.Copy(_ring, 0, tail, first, length - first);
        return tail;
    }

    private void Record(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _capacity) data = data[^_capacity..];
        var position = (int)(_written % _capacity);
        var first = Math.Min(data.Length, _capacity - position);
        data[..first].CopyTo(_ring.AsSpan(position));
        data[first..].CopyTo(_ring);
        _written += data.Length;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Record(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _inner.Read(buffer, offset, count);
        Record(buffer.AsSpan(offset, read));
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _inner.Dispose();
            ArrayPool<byte>.Shared.Return(_ring);
        }
        base.Dispose(disposing);
    }
}
