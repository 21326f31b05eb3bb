namespace Ezrouter.Tests.TestSupport;

/// <summary>
/// A response body that gives one chunk, then signals <see cref="Waiting"/> (the reader has taken the chunk and waits
/// for more) and waits until its read is cancelled: a gateway that stalls mid-answer, deterministic for a test clock.
/// </summary>
public sealed class OneChunkThenWaitStream(string first) : ForwardOnlyStream
{
    private readonly byte[] _first = System.Text.Encoding.UTF8.GetBytes(first);
    private bool _sent;

    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_sent)
        {
            _sent = true;
            _first.CopyTo(buffer);
            return _first.Length;
        }
        Waiting.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
