using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Streaming;

/// <summary>
/// A read-through wrapper that remembers the last bytes of a response body. Gateway: when a Claude upstream fails
/// mid-stream, the gateway writes an error JSON into the SSE body without <c>data:</c> and without <c>[DONE]</c>
/// (docs/gateway-behavior.md §10); an SSE parser skips such a line by the spec, so the tail is where we find it.
/// It also bounds an event (<see cref="EzrouterLimits.MaxEventBytes"/>): it counts the bytes since the last blank
/// line as they pass, and throws <see cref="EventTooLargeException"/> before the parser is handed the byte that
/// reaches the limit, so an endless line is never buffered whole (the parser would grow its buffer to hold it).
/// </summary>
internal sealed class TailRecordingStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly byte[] _ring;
    private readonly int _capacity;
    private readonly long _maxEvent;
    private long _written;
    private long _lineBytes;
    private long _eventBytes;
    private bool _crPending;
    private bool _disposed;

    public TailRecordingStream(Stream inner, int capacity = 4096, long maxEventBytes = long.MaxValue)
    {
        _inner = inner;
        _maxEvent = maxEventBytes;
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

    // Counts the bytes of the current event's lines, after Normalize: every line ends in LF, and an empty line ends
    // the event. The run up to the next LF is found vectorised: this sees every byte of a stream, and most runs are long.
    private void Count(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'\n');
            var run = end < 0 ? data.Length : end;
            _lineBytes += run;
            _eventBytes += run;
            // Reaching the limit is enough: the parser holds the line in a buffer that doubles when full, so one byte
            // more would cost it a buffer twice the limit.
            if (_eventBytes >= _maxEvent) throw new EventTooLargeException(_maxEvent);
            if (end < 0) return;
            if (_lineBytes == 0) _eventBytes = 0;
            _lineBytes = 0;
            data = data[(end + 1)..];
        }
    }

    // The parser asks for as much as its buffer holds, which grows with a long line: never read past the limit, so a
    // body is read no further than the event that breaks it.
    private int ReadSize(int requested) => (int)Math.Min(requested, Math.Max(1, _maxEvent - _eventBytes));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        buffer = buffer[..ReadSize(buffer.Length)];
        var pending = _inner.ReadAsync(buffer, cancellationToken);
        if (!pending.IsCompletedSuccessfully) return ReadOnAsync(buffer, pending, cancellationToken);
        // Bytes already there: no state machine.
        var read = pending.Result;
        if (read == 0) return new ValueTask<int>(0);
        // Zero kept: the read held only the LF of a CRLF split across reads. Zero would mean the end: read on.
        var kept = Pass(buffer.Span[..read]);
        return kept > 0 ? new ValueTask<int>(kept) : ReadOnAsync(buffer, _inner.ReadAsync(buffer, cancellationToken), cancellationToken);
    }

    // Pooled: over a socket nearly every read waits (one event per packet), and each wait would otherwise allocate
    // its state machine.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadOnAsync(Memory<byte> buffer, ValueTask<int> pending, CancellationToken cancellationToken)
    {
        // No while (true): Stryker's mutants of it do not compile, and it then skips every mutant of the method.
        var read = await pending.ConfigureAwait(false);
        while (read > 0)
        {
            if (Pass(buffer.Span[..read]) is var kept and > 0) return kept;
            read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        return 0;
    }

    // What the parser is handed: line ends normalised, then recorded and counted.
    private int Pass(Span<byte> data)
    {
        var kept = Normalize(data);
        Record(data[..kept]);
        Count(data[..kept]);
        return kept;
    }

    // SSE ends a line with CR, LF or CRLF. SseParser holds a line whose last byte so far is CR until the next byte
    // shows whether an LF follows, so an event ended by a lone CR would wait for the next event (or be lost when the
    // connection drops). Every CR becomes LF as it passes, and the LF of a CRLF is dropped: the same lines, at once.
    private int Normalize(Span<byte> data)
    {
        var read = _crPending && data[0] == (byte)'\n' ? 1 : 0;
        _crPending = false;
        var firstCr = data[read..].IndexOf((byte)'\r');
        if (firstCr < 0)
        {
            if (read == 0) return data.Length;
            data[1..].CopyTo(data);
            return data.Length - 1;
        }
        var write = 0;
        for (; read < data.Length; read++)
        {
            var b = data[read];
            if (b != (byte)'\r')
            {
                data[write++] = b;
                continue;
            }
            data[write++] = (byte)'\n';
            if (read + 1 == data.Length) _crPending = true;
            else if (data[read + 1] == (byte)'\n') read++;
        }
        return write;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        count = ReadSize(count);
        var read = _inner.Read(buffer, offset, count);
        while (read > 0)
        {
            if (Pass(buffer.AsSpan(offset, read)) is var kept and > 0) return kept;
            read = _inner.Read(buffer, offset, count);
        }
        return 0;
    }

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

/// <summary>An event passed <see cref="EzrouterLimits.MaxEventBytes"/>; the event source turns it into a typed error.</summary>
internal sealed class EventTooLargeException(long limit) : Exception($"a stream event exceeded {limit} bytes")
{
    public long Limit { get; } = limit;
}
