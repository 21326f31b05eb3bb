using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions.Serialization;
using Ezrouter.Streaming;
using Ezrouter.Http;

namespace Ezrouter.Middleware;

/// <summary>
/// The body <see cref="SseAggregationHandler"/> answers with once it has read an SSE answer: the model itself.
/// <see cref="EzrouterRequestAdapter"/> takes <see cref="Model"/> as it is; anything else that reads the content (a
/// plain Kiota adapter) gets the model written as JSON, on first read.
/// </summary>
internal sealed class AggregatedContent : HttpContent
{
    public AggregatedContent(IParsable model)
    {
        Model = model;
        // No charset parameter: JSON is UTF-8 by definition (RFC 8259), and the parameter costs a collection per answer.
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    public IParsable Model { get; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var json = KiotaJson.Serialize(Model);
        await stream.WriteAsync(json).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
