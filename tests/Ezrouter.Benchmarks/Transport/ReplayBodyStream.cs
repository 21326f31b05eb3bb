using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Benchmarks.Transport;

/// <summary>
/// A recorded body, read like a network stream: forward only, not seekable, no length, so no SDK can skip ahead or
/// size a buffer from it. Reads complete synchronously (the bytes are in memory).
/// </summary>
internal sealed class ReplayBodyStream : Stream
{
    private readonly byte[] _body;
    private int _position;

    public ReplayBodyStream(byte[] body) => _body = body;

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _body.Length - _position);
        _body.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<int>(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
