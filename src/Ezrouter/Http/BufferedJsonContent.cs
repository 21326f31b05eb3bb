using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Http;

/// <summary>
/// A 200 JSON answer that <see cref="Middleware.EzrouterErrorHandler"/> read whole (to look for an error envelope),
/// as the response's content from then on. <see cref="EzrouterRequestAdapter"/> hands <see cref="Body"/> straight to
/// the generated reader: the bytes are read from the socket once and copied nowhere else. The buffer is rented from
/// the shared pool and returned when the content is disposed; a stream over it (for a caller that reads the response
/// itself) is disposed with the content, as <see cref="HttpContent"/> does with the streams it hands out, so no
/// stream can show bytes another answer later wrote into the reused buffer.
/// </summary>
internal sealed class BufferedJsonContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    /// <param name="buffer">A buffer from <see cref="BodyBuffers.Rent"/>; this content owns it from now on.</param>
    /// <param name="length">How many of its bytes are the body.</param>
    /// <param name="original">The content read: its headers are copied, and it is disposed.</param>
    public BufferedJsonContent(byte[] buffer, int length, HttpContent original)
    {
        _buffer = buffer;
        _length = length;
        // NonValidated: the values as they arrived, without parsing each header into its typed form and back.
        foreach (var header in original.Headers.NonValidated)
        {
            if (header.Value.Count == 1) Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
            else Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        original.Dispose();
    }

    /// <summary>The body; valid until the content is disposed.</summary>
    public ReadOnlySpan<byte> Body => (_buffer ?? throw new ObjectDisposedException(nameof(BufferedJsonContent))).AsSpan(0, _length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Live(), 0, _length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Live(), 0, _length, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateContentReadStream(default));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new MemoryStream(Live(), 0, _length, writable: false);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    private byte[] Live() => _buffer ?? throw new ObjectDisposedException(nameof(BufferedJsonContent));

    protected override void Dispose(bool disposing)
    {
        // The base disposes the stream it handed out (HttpContent caches it) before the buffer goes back.
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
            BodyBuffers.Return(buffer);
    }
}
