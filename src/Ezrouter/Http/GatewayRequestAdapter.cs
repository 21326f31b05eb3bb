using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions.Store;

namespace Ezrouter;

/// <summary>
/// The request adapter under <see cref="EzrouterClient"/>'s generated clients: Kiota's
/// <c>HttpClientRequestAdapter</c>, except that a typed call on chat completions or messages reads the response
/// itself. Gateway: those answer SSE even when <c>stream</c> is false; this folds the SSE body straight into the
/// model the generated <c>PostAsync</c> returns — no JSON written and parsed back, and no buffering of the body
/// by <c>HttpClient</c> first (Kiota's typed sends read the whole body before parsing). JSON answers parse as usual.
/// </summary>
internal sealed class GatewayRequestAdapter : IRequestAdapter
{
    private readonly IRequestAdapter _inner;
    private readonly IParseNodeFactory _parseNodes;
    private readonly StreamSettings _settings;
    private ISerializationWriterFactory? _writers;

    public GatewayRequestAdapter(IRequestAdapter inner, IParseNodeFactory parseNodes, StreamSettings settings)
    {
        _inner = inner;
        _parseNodes = parseNodes;
        _settings = settings;
    }

    public ISerializationWriterFactory SerializationWriterFactory => _writers ??= new DirectJsonWriterFactory(_inner.SerializationWriterFactory);

    public string? BaseUrl
    {
        get => _inner.BaseUrl;
        set => _inner.BaseUrl = value;
    }

    public void EnableBackingStore(IBackingStoreFactory backingStoreFactory) => _inner.EnableBackingStore(backingStoreFactory);

    public async Task<ModelType?> SendAsync<ModelType>(RequestInformation requestInfo, ParsableFactory<ModelType> factory, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default)
        where ModelType : IParsable
    {
        ArgumentNullException.ThrowIfNull(requestInfo);
        var surface = requestInfo.HttpMethod == Method.POST ? SseAggregation.SurfaceOf(requestInfo.URI) : SseAggregation.Surface.None;
        if (surface == SseAggregation.Surface.None || requestInfo.RequestOptions.Any(o => o is ResponseHandlerOption))
            return await _inner.SendAsync(requestInfo, factory, errorMapping, cancellationToken).ConfigureAwait(false);

        var info = requestInfo.RequestOptions.OfType<GatewayResponseInfo>().FirstOrDefault();
        if (info is null)
        {
            info = new GatewayResponseInfo();
            requestInfo.AddRequestOptions([info]);
        }
        // One source for the call: the caller, the total limit over sending and reading, the idle limit while reading.
        using var cancellation = new CallCancellation(cancellationToken, default, _settings.Timeouts.Total, _settings.Time);
        var context = StreamingCall.Context(info, _settings, cancellation);

        HttpResponseMessage response;
        try
        {
            response = await StreamingCall.SendAsync(_inner, _settings.Http, requestInfo, info, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (context.LimitExceeded(e, StreamContext.NoResponseInTime) is { } timeout)
        {
            throw timeout;
        }
        using (response)
        {
            // An SSE answer: read by the stream reader, which raises a fired limit itself, with what arrived.
            if (await SseAggregation.AggregateAsync(response, surface, context).ConfigureAwait(false) is { } aggregated)
                return aggregated is ModelType model ? model : throw new InvalidOperationException($"An SSE answer on {requestInfo.URI.AbsolutePath} aggregates to {aggregated.GetType().Name}, not {typeof(ModelType).Name}.");
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return default;
            try
            {
                var body = await response.Content.ReadAsStreamAsync(cancellation.Token).ConfigureAwait(false);
                var contentType = response.Content.Headers.ContentType?.MediaType ?? "application/json";
                var root = await _parseNodes.GetRootParseNodeAsync(contentType, body, cancellation.Token).ConfigureAwait(false);
                return root.GetObjectValue(factory);
            }
            catch (Exception e) when (context.LimitExceeded(e, StreamContext.NoAnswerInTime) is { } timeout)
            {
                throw timeout;
            }
        }
    }

    public Task<IEnumerable<ModelType>?> SendCollectionAsync<ModelType>(RequestInformation requestInfo, ParsableFactory<ModelType> factory, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default)
        where ModelType : IParsable => _inner.SendCollectionAsync(requestInfo, factory, errorMapping, cancellationToken);

    public Task<ModelType?> SendPrimitiveAsync<ModelType>(RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        _inner.SendPrimitiveAsync<ModelType>(requestInfo, errorMapping, cancellationToken);

    public Task<IEnumerable<ModelType>?> SendPrimitiveCollectionAsync<ModelType>(RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        _inner.SendPrimitiveCollectionAsync<ModelType>(requestInfo, errorMapping, cancellationToken);

    public Task SendNoContentAsync(RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        _inner.SendNoContentAsync(requestInfo, errorMapping, cancellationToken);

    public Task<T?> ConvertToNativeRequestAsync<T>(RequestInformation requestInfo, CancellationToken cancellationToken = default) =>
        _inner.ConvertToNativeRequestAsync<T>(requestInfo, cancellationToken);

    /// <summary>
    /// Request bodies in plain <c>application/json</c> (all the generated clients send) skip the registry's regular
    /// expression (it strips vendor parameters from the content type on every body) and go straight to the factory
    /// it holds for JSON. When that factory writes what the generated writers write (Kiota's own, with default
    /// settings: checked once per factory on a probe body), the body gets a <see cref="RequestBodyJsonWriter"/> (the
    /// generated writers where they apply, Kiota's writer otherwise); any other factory (a caller's writer, Kiota's
    /// with other settings, a backing-store proxy) is used as it is. Anything else asks the registry.
    /// </summary>
    private sealed class DirectJsonWriterFactory(ISerializationWriterFactory registry) : ISerializationWriterFactory
    {
        private const string Json = "application/json";

        public string ValidContentType => registry.ValidContentType;

        public ISerializationWriter GetSerializationWriter(string contentType) =>
            contentType != Json || registry is not SerializationWriterFactoryRegistry known || !known.ContentTypeAssociatedFactories.TryGetValue(Json, out var json)
                ? registry.GetSerializationWriter(contentType)
                : RequestBodyJsonWriter.WritesAsGenerated(json)
                    ? new RequestBodyJsonWriter(() => json.GetSerializationWriter(Json))
                    : json.GetSerializationWriter(Json);
    }
}
