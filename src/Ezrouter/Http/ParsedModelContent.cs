using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter;

/// <summary>
/// A response body that already holds its parsed model (an aggregated SSE answer). Whoever reads it as bytes gets
/// the model's JSON, serialized on first read; <see cref="PreParsedJsonParseNodeFactory"/> hands the model itself
/// to Kiota, so an aggregated answer is not written to JSON and parsed back.
/// </summary>
internal sealed class ParsedModelContent : HttpContent
{
    public ParsedModelContent(IParsable model)
    {
        Model = model;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public IParsable Model { get; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(KiotaJson.Serialize(Model)).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new ParsedModelStream(Model));

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>The read stream of a <see cref="ParsedModelContent"/>: the model, or its JSON for a reader that wants bytes.</summary>
internal sealed class ParsedModelStream(IParsable model) : Stream
{
    private MemoryStream? _json;

    public IParsable Model { get; } = model;

    private MemoryStream Json => _json ??= new MemoryStream(KiotaJson.Serialize(Model), writable: false);

    public override int Read(byte[] buffer, int offset, int count) => Json.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Json.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Json.ReadAsync(buffer, offset, count, cancellationToken);
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
