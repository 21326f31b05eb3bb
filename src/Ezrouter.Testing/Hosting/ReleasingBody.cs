using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Testing.Hosting;

/// <summary>
/// A response body that calls <c>onLast</c> once, just before the write that completes the expected number of bytes
/// is passed on (so before the client can have read the end). Everything else passes straight through.
/// </summary>
internal sealed class ReleasingBody : Stream
{
    private readonly Stream inner;
    private readonly Action onLast;
    private long left;

    public ReleasingBody(Stream inner, long expectedBytes, Action onLast)
    {
        this.inner = inner;
        this.onLast = onLast;
        left = expectedBytes;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Counting(buffer.Length);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Counting(buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Counting(int count)
    {
        if (left <= 0 || count == 0)
        {
            return;
        }

        left -= count;
        if (left <= 0)
        {
            onLast();
        }
    }
}
