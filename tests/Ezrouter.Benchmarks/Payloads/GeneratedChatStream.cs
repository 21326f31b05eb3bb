using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Benchmarks.Payloads;

/// <summary>
/// A chat-completions SSE body of a given size, made chunk by chunk as it is read and never held whole: a role chunk,
/// content chunks until <see cref="TargetBytes"/> are out, then the finish chunk, the usage chunk and <c>[DONE]</c>.
/// </summary>
internal sealed class GeneratedChatStream : Stream
{
    private readonly ChatChunkWriter _writer = new();
    private readonly TokenSource _text = new(7);
    private readonly byte[] _done = ChatChunkWriter.Done.ToArray();
    private State _state = State.Role;
    private int _frameOffset;
    private int _frameLength;
    private bool _frameIsDone;
    private long _generated;

    public GeneratedChatStream(long targetBytes) => TargetBytes = targetBytes;

    public long TargetBytes { get; }

    /// <summary>Bytes handed out so far.</summary>
    public long Produced { get; private set; }

    /// <summary>Content characters written into the chunks so far.</summary>
    public long ContentChars { get; private set; }

    /// <summary>Chunks (events) written so far, <c>[DONE]</c> not counted.</summary>
    public int Events { get; private set; }

    private enum State { Role, Content, Finish, Usage, Done, End }

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_frameOffset == _frameLength && !NextFrame()) break;
            var frame = _frameIsDone ? _done.AsSpan(0, _frameLength) : _writer.Frame;
            var count = Math.Min(buffer.Length - written, _frameLength - _frameOffset);
            frame.Slice(_frameOffset, count).CopyTo(buffer[written..]);
            _frameOffset += count;
            written += count;
        }
        Produced += written;
        return written;
    }

    private bool NextFrame()
    {
        ReadOnlySpan<byte> frame;
        _frameIsDone = false;
        switch (_state)
        {
            case State.Role:
                frame = _writer.Role();
                _state = State.Content;
                break;
            case State.Content:
                var token = _text.NextToken();
                ContentChars += token.Length;
                frame = _writer.Content(token);
                if (_generated + frame.Length >= TargetBytes) _state = State.Finish;
                break;
            case State.Finish:
                frame = _writer.Finish("stop");
                _state = State.Usage;
                break;
            case State.Usage:
                frame = _writer.Usage(Events);
                _state = State.Done;
                break;
            case State.Done:
                _frameIsDone = true;
                _frameOffset = 0;
                _frameLength = _done.Length;
                _state = State.End;
                return true;
            default:
                return false;
        }
        Events++;
        _generated += frame.Length;
        _frameOffset = 0;
        _frameLength = frame.Length;
        return true;
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
