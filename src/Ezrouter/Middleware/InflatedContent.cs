using System;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

using Ezrouter.Streaming;

namespace Ezrouter.Middleware;

/// <summary>
/// A compressed body, inflated as it is read, never past <c>max</c> bytes: a body that inflates further (a
/// "compression bomb": 1 MiB on the wire, 1 GiB inflated) or that is not valid in its encoding fails the read with
/// an <see cref="EzrouterProtocolException"/>. Its headers are the original's, without <c>Content-Encoding</c> and
/// <c>Content-Length</c>, which described the compressed bytes.
/// </summary>
internal sealed class InflatedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly DecompressionMethods _method;
    private readonly long _max;
    private readonly Func<string, Exception?, EzrouterProtocolException> _fail;

    public InflatedContent(HttpContent inner, DecompressionMethods method, long max, Func<string, Exception?, EzrouterProtocolException> fail)
    {
        _inner = inner;
        _method = method;
        _max = max;
        _fail = fail;
        foreach (var header in inner.Headers)
        {
            if (header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        Wrap(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => Wrap(_inner.ReadAsStream(cancellationToken));

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var inflated = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await inflated.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private BoundedInflateStream Wrap(Stream compressed) => new(_method switch
    {
        DecompressionMethods.GZip => new GZipStream(compressed, CompressionMode.Decompress),
        // HTTP's "deflate" is the zlib format (RFC 9110 §8.4.1.2), not raw deflate.
        DecompressionMethods.Deflate => new ZLibStream(compressed, CompressionMode.Decompress),
        _ => new BrotliStream(compressed, CompressionMode.Decompress),
    }, _method, _max, _fail);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Counts the inflated bytes, and turns the inflater's complaints into the protocol error they are.</summary>
    private sealed class BoundedInflateStream(Stream inflater, DecompressionMethods method, long max, Func<string, Exception?, EzrouterProtocolException> fail) : ForwardReadStream
    {
        private long _total;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read;
            try
            {
                read = await inflater.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            // InvalidDataException: corrupt gzip or zlib; InvalidOperationException: corrupt Brotli. A network
            // failure (any other IOException) stays what it is, for the readers to type as a dropped connection.
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
            {
                throw fail($"the {method} body could not be decompressed: {e.Message}", e);
            }
            return Counted(read);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read;
            try
            {
                read = inflater.Read(buffer, offset, count);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
            {
                throw fail($"the {method} body could not be decompressed: {e.Message}", e);
            }
            return Counted(read);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(int read)
        {
            _total += read;
            if (_total > max) throw fail($"the {method} body inflated past {max} bytes (EzrouterLimits.MaxDecompressedBytes)", null);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inflater.Dispose();
            base.Dispose(disposing);
        }
    }
}
