using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions.Store;
using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Middleware.Options;
using Ezrouter.Diagnostics;
using Ezrouter.Middleware;

namespace Ezrouter.Http;

/// <summary>
/// The request adapter under <see cref="EzrouterClient"/>'s generated clients, one per surface: Kiota's
/// <c>HttpClientRequestAdapter</c>, except that every request says which surface it is for
/// (<see cref="SseAggregationOption.Surface"/>), and a typed POST (chat completions, messages) opens the call's
/// <see cref="CallScope"/> and reads the response itself: an SSE answer arrives from
/// <see cref="SseAggregationHandler"/> as the model (no JSON written and parsed back), a JSON answer is read by the
/// generated reader of its model (Kiota's parse node for a model without one), and <c>HttpClient</c> does not buffer
/// the body first (Kiota's typed sends do).
/// </summary>
internal sealed class EzrouterRequestAdapter : IRequestAdapter
{
    private readonly IRequestAdapter _inner;
    private readonly IParseNodeFactory _parseNodes;
    private readonly CallDefaults _defaults;
    private readonly SseAggregationOption _surface;
    private ISerializationWriterFactory? _writers;
    private static readonly SseAggregationOption ResponsesSurface = new SseAggregationOption { Surface = EzrouterSurface.Responses }.Freeze();

    public EzrouterRequestAdapter(IRequestAdapter inner, IParseNodeFactory parseNodes, CallDefaults defaults, EzrouterSurface surface)
    {
        _inner = inner;
        _parseNodes = parseNodes;
        _defaults = defaults;
        // Every request of this adapter shares it, so it is frozen.
        _surface = new SseAggregationOption { Surface = surface }.Freeze();
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
        EzrouterResponseInfo? info = null;
        EzrouterTimeouts? limits = null;
        // The Responses API shares the OpenAI surface's adapter; the model it answers with says how its SSE reads.
        var aggregation = typeof(ModelType) == typeof(Generated.OpenAi.Models.ModelResponse) ? ResponsesSurface : _surface;
        foreach (var option in requestInfo.RequestOptions)
        {
            switch (option)
            {
                case ResponseHandlerOption:
                    // The caller reads the response itself: Kiota's send, as it is.
                    return await _inner.SendAsync(Stamped(requestInfo), factory, errorMapping, cancellationToken).ConfigureAwait(false);
                case EzrouterResponseInfo given: info = given; break;
                case EzrouterTimeouts given: limits = given; break;
                case SseAggregationOption given: aggregation = given; break;
            }
        }
        using var scope = _defaults.BeginCall(info ?? new EzrouterResponseInfo(), cancellationToken, overrides: limits);
        try
        {
            using var response = await HeadersFirstSend.HeadersFirstAsync(_inner, _defaults.Http, requestInfo, scope, aggregation).ConfigureAwait(false);
            if (response.Content is AggregatedContent aggregated)
                return Answered(scope, aggregated.Model is ModelType model ? model
                    : throw new EzrouterProtocolException(scope.Details($"an SSE answer on {requestInfo.URI.AbsolutePath} reads as {aggregated.Model.GetType().Name}, not the {typeof(ModelType).Name} the call expects")));
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return Answered(scope, default(ModelType));
            return Answered(scope, await ReadJsonAsync(response, factory, scope).ConfigureAwait(false));
        }
        catch (Exception e) when (Failed(scope, e))
        {
            throw; // Failed never catches: it only ends the call's telemetry on the way out.
        }
    }

    /// <summary>The call's answer, recorded on its telemetry, which ends here.</summary>
    private static ModelType? Answered<ModelType>(CallScope scope, ModelType? answer)
        where ModelType : IParsable
    {
        if (scope.Telemetry is { } telemetry)
        {
            telemetry.Answer(answer);
            telemetry.End(scope.Info, error: null);
        }
        return answer;
    }

    private static bool Failed(CallScope scope, Exception e)
    {
        scope.Telemetry?.End(scope.Info, e);
        return false;
    }

    /// <summary>
    /// A JSON answer into the model, every failure typed: an answer that is not JSON, or not readable as the model, is
    /// a protocol error; a body cut off is a connection failure; a limit that fired is a timeout. A model with a
    /// generated reader (every JSON response and error envelope of the specs) is read by it from a pooled buffer,
    /// which refuses a value of the wrong JSON type and names its field; any other goes to Kiota's parse node.
    /// </summary>
    private async Task<ModelType?> ReadJsonAsync<ModelType>(HttpResponseMessage response, ParsableFactory<ModelType> factory, CallScope scope)
        where ModelType : IParsable
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!JsonAnswer.ReadsAsJson(mediaType))
            throw new EzrouterProtocolException(scope.Details($"the answer is {mediaType}, not JSON"));
        // The generated readers build what Kiota's own parse node builds; a caller's other factory is used as it is.
        var generated = _parseNodes.GetType() == typeof(JsonParseNodeFactory) && JsonAnswer.HasReader(typeof(ModelType));
        byte[]? buffer = null;
        var length = 0;
        try
        {
            // The error handler read every 200 JSON answer whole already: its buffer is read in place, not copied.
            if (generated && response.Content is BufferedJsonContent buffered)
                return ReadGenerated<ModelType>(buffered.Body, scope);
            var stream = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            if (generated)
            {
                var limit = JsonAnswer.MaxBytes(scope.Bounds);
                (buffer, length) = await JsonAnswer.ReadBodyAsync(stream, response.Content.Headers.ContentLength, limit, scope.Token).ConfigureAwait(false)
                    ?? throw new EzrouterProtocolException(scope.Details($"the JSON answer is longer than {limit} bytes, the bound EzrouterLimits.MaxAnswerChars sets"));
                // Labelled or not, the bytes are read as JSON: a mislabelled but readable answer is still the answer.
                return (ModelType)JsonAnswer.Read(typeof(ModelType), buffer.AsSpan(0, length));
            }
            var body = new JsonAnswer.FirstByteProbe(stream);
            var root = await _parseNodes.GetRootParseNodeAsync(JsonAnswer.Json, body, scope.Token).ConfigureAwait(false);
            // Kiota reads an array, a string or null as an empty model; an answer is one object (§21).
            if (body.First != (byte)'{')
                throw new EzrouterProtocolException(scope.Details($"the answer is not a JSON object (it starts with '{(char?)body.First}'), so it is not a {typeof(ModelType).Name}"));
            return root.GetObjectValue(factory);
        }
        catch (Exception e) when (scope.LimitExceeded(e, CallScope.NoAnswerInTime) is { } timeout)
        {
            throw timeout;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new EzrouterConnectionException(scope.Details($"the connection dropped while the answer was read: {e.Message}"), e);
        }
        catch (JsonAnswer.NotAnObjectException e)
        {
            throw new EzrouterProtocolException(scope.Details($"{e.Message}, so it is not a {typeof(ModelType).Name}"));
        }
        catch (System.Text.Json.JsonException e) when (buffer is not null)
        {
            throw new EzrouterProtocolException(scope.Details($"the JSON answer is not readable as {typeof(ModelType).Name}: {JsonAnswer.Describe(e, buffer.AsSpan(0, length))}"), e);
        }
        catch (Exception e) when (e is not (EzrouterException or OperationCanceledException))
        {
            // JsonException (empty, cut off, trailing bytes, nested too deep, invalid UTF-8), and what Kiota's parse
            // node throws on a value it cannot convert (a fraction where an integer belongs, a number out of range).
            throw new EzrouterProtocolException(scope.Details($"the JSON answer is not readable as {typeof(ModelType).Name}: {e.Message}"), e);
        }
        finally
        {
            if (buffer is not null) BodyBuffers.Return(buffer);
        }
    }

    /// <summary>A whole buffered answer through its model's generated reader, every failure typed as in <see cref="ReadJsonAsync"/>.</summary>
    private static ModelType ReadGenerated<ModelType>(ReadOnlySpan<byte> body, CallScope scope)
        where ModelType : IParsable
    {
        try
        {
            // Labelled or not, the bytes are read as JSON: a mislabelled but readable answer is still the answer.
            return (ModelType)JsonAnswer.Read(typeof(ModelType), body);
        }
        catch (JsonAnswer.NotAnObjectException e)
        {
            throw new EzrouterProtocolException(scope.Details($"{e.Message}, so it is not a {typeof(ModelType).Name}"));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new EzrouterProtocolException(scope.Details($"the JSON answer is not readable as {typeof(ModelType).Name}: {JsonAnswer.Describe(e, body)}"), e);
        }
        catch (Exception e) when (e is not (EzrouterException or OperationCanceledException))
        {
            throw new EzrouterProtocolException(scope.Details($"the JSON answer is not readable as {typeof(ModelType).Name}: {e.Message}"), e);
        }
    }

    public Task<IEnumerable<ModelType>?> SendCollectionAsync<ModelType>(RequestInformation requestInfo, ParsableFactory<ModelType> factory, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default)
        where ModelType : IParsable => _inner.SendCollectionAsync(Stamped(requestInfo), factory, errorMapping, cancellationToken);

    public Task<ModelType?> SendPrimitiveAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] ModelType>(RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        _inner.SendPrimitiveAsync<ModelType>(Stamped(requestInfo), errorMapping, cancellationToken);

    public Task<IEnumerable<ModelType>?> SendPrimitiveCollectionAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] ModelType>(RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        _inner.SendPrimitiveCollectionAsync<ModelType>(Stamped(requestInfo), errorMapping, cancellationToken);

    public Task SendNoContentAsync(RequestInformation requestInfo, Dictionary<string, ParsableFactory<IParsable>>? errorMapping = null, CancellationToken cancellationToken = default) =>
        _inner.SendNoContentAsync(Stamped(requestInfo), errorMapping, cancellationToken);

    public Task<T?> ConvertToNativeRequestAsync<T>(RequestInformation requestInfo, CancellationToken cancellationToken = default) =>
        _inner.ConvertToNativeRequestAsync<T>(Stamped(requestInfo), cancellationToken);

    /// <summary>The request, saying which surface it is for unless it says so already.</summary>
    private RequestInformation Stamped(RequestInformation requestInfo)
    {
        ArgumentNullException.ThrowIfNull(requestInfo);
        if (!requestInfo.RequestOptions.Any(o => o is SseAggregationOption)) requestInfo.AddRequestOptions([_surface]);
        return requestInfo;
    }

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
        private const string Json = JsonAnswer.Json;

        public string ValidContentType => registry.ValidContentType;

        public ISerializationWriter GetSerializationWriter(string contentType) =>
            contentType != Json || registry is not SerializationWriterFactoryRegistry known || !known.ContentTypeAssociatedFactories.TryGetValue(Json, out var json)
                ? registry.GetSerializationWriter(contentType)
                : RequestBodyJsonWriter.WritesAsGenerated(json)
                    ? new RequestBodyJsonWriter(() => json.GetSerializationWriter(Json))
                    : json.GetSerializationWriter(Json);
    }
}
