using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.Middleware;

/// <summary>
/// A response's content, unchanged, that gives a slot back when it is disposed: a handler that holds a request to a
/// slot until its body is released (<see cref="AdaptiveConcurrencyHandler"/>, <see cref="RateLimitPacingHandler"/>)
/// wraps the content in it, so a stream keeps its slot until the caller disposes it.
/// </summary>
internal sealed class LeasedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly IDisposable _lease;

    public LeasedContent(HttpContent inner, IDisposable lease)
    {
        _inner = inner;
        _lease = lease;
        foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _lease.Dispose();
        }
        base.Dispose(disposing);
    }
}
