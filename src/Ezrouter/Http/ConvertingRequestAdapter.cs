using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Ezrouter.Http;

/// <summary>
/// Kiota's <see cref="HttpClientRequestAdapter"/> for <see cref="EzrouterClient"/>'s surfaces, with the one step this
/// layer does on every call done here instead: turning a <see cref="RequestInformation"/> into an
/// <see cref="HttpRequestMessage"/> (<see cref="ToHttpRequestAsync"/>, what <c>ConvertToNativeRequestAsync</c> does).
/// The message is the same: authenticated by the same provider, the same method, URL, version, headers and request
/// options (Kiota's <see cref="ObservabilityOptions"/> included), and Kiota's span around the conversion. What it
/// leaves out is work nothing reads: a URL parsed again on every call (the surface clients send to fixed URLs), a
/// method name upper-cased into a new <see cref="HttpMethod"/>, the body's length computed and its Content-Type parsed
/// for span tags that the conversion never sets, and a one-shot stream around a body already in memory: that body
/// goes out as <see cref="RequestBodyContent"/>, which <see cref="Middleware.RequestBodyHandler"/> reads in place.
/// It re-implements <see cref="IRequestAdapter.ConvertToNativeRequestAsync{T}"/>, so whoever holds it as an
/// <see cref="IRequestAdapter"/> (the layer's senders, <see cref="EzrouterRequestAdapter"/>, a caller) gets this
/// conversion without knowing the type.
/// </summary>
internal sealed class ConvertingRequestAdapter : HttpClientRequestAdapter, IRequestAdapter
{
    private static readonly ObservabilityOptions Observability = new();
    private static readonly HttpRequestOptionsKey<IRequestOption> ObservabilityKey = new(typeof(ObservabilityOptions).FullName!);
    private readonly IAuthenticationProvider _authentication;
    private readonly HttpClient _http;
    // Kiota's adapter traces its conversion on a source of this name; a listener subscribes by the name.
    private static readonly ActivitySource Activities = new(Observability.TracerInstrumentationName);
    // Where a generated builder's raw-URL constructor puts the URL (Kiota's RequestInformation reads the same key).
    private const string RawUrlKey = "request-raw-url";
    private ParsedUrl? _lastUrl;

    public ConvertingRequestAdapter(IAuthenticationProvider authentication, HttpClient http)
        : base(authentication, httpClient: http, observabilityOptions: Observability)
    {
        _authentication = authentication;
        _http = http;
    }

    /// <summary>The request as Kiota's adapter would convert it.</summary>
    public async Task<HttpRequestMessage> ToHttpRequestAsync(RequestInformation request, CancellationToken cancellationToken)
    {
        ReuseParsedUrl(request);
        await _authentication.AuthenticateRequestAsync(request, null, cancellationToken).ConfigureAwait(false);
        using var span = Activities.StartActivity("GetRequestMessageFromRequestInformation");
        if (BaseUrl is { } baseUrl) request.PathParameters["baseurl"] = baseUrl;
        var message = new HttpRequestMessage(MethodOf(request.HttpMethod), request.URI)
        {
            Version = _http.DefaultRequestVersion,
            VersionPolicy = _http.DefaultVersionPolicy,
        };
        foreach (var option in request.RequestOptions)
            message.Options.Set(new HttpRequestOptionsKey<IRequestOption>(option.GetType().FullName!), option);
        message.Options.Set(ObservabilityKey, Observability);
        if (request.Content is { } content && content != Stream.Null) message.Content = ContentOf(content);
        foreach (var header in request.Headers)
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return message;
    }

    /// <summary>The interface's conversion: this one for an <see cref="HttpRequestMessage"/>, Kiota's for anything else.</summary>
    async Task<T?> IRequestAdapter.ConvertToNativeRequestAsync<T>(RequestInformation requestInfo, CancellationToken cancellationToken) where T : default
    {
        ArgumentNullException.ThrowIfNull(requestInfo);
        if (typeof(T) != typeof(HttpRequestMessage)) return await ConvertToNativeRequestAsync<T>(requestInfo, cancellationToken).ConfigureAwait(false);
        return (T)(object)await ToHttpRequestAsync(requestInfo, cancellationToken).ConfigureAwait(false);
    }

    // A raw URL (each surface client sends to a fixed one) is parsed once per adapter, not once per call: the parsed
    // Uri is immutable, and RequestInformation's own getter would set the same URI from the same string.
    private void ReuseParsedUrl(RequestInformation request)
    {
        if (!request.PathParameters.TryGetValue(RawUrlKey, out var raw) || raw is not string url) return;
        var last = _lastUrl;
        if (last is null || !string.Equals(last.Raw, url, StringComparison.Ordinal)) _lastUrl = last = new ParsedUrl(url, new Uri(url));
        request.URI = last.Uri;
    }

    private static HttpContent ContentOf(Stream content)
    {
        // Only a plain MemoryStream: a pooled stream (Kiota's own writer) hands its buffer back when disposed.
        if (content.GetType() == typeof(MemoryStream) && ((MemoryStream)content).TryGetBuffer(out var buffer))
            return new RequestBodyContent(buffer[(int)content.Position..]);
        return new StreamContent(content);
    }

    private static HttpMethod MethodOf(Method method) => method switch
    {
        Method.GET => HttpMethod.Get,
        Method.POST => HttpMethod.Post,
        Method.PUT => HttpMethod.Put,
        Method.PATCH => HttpMethod.Patch,
        Method.DELETE => HttpMethod.Delete,
        Method.HEAD => HttpMethod.Head,
        Method.OPTIONS => HttpMethod.Options,
        Method.TRACE => HttpMethod.Trace,
        _ => new HttpMethod(method.ToString().ToUpperInvariant()),
    };

    private sealed record ParsedUrl(string Raw, Uri Uri);
}

/// <summary>A serialized request body already in memory, sent as it is and readable in place by the handlers.</summary>
internal sealed class RequestBodyContent(ArraySegment<byte> body) : ByteArrayContent(body.Array!, body.Offset, body.Count)
{
    /// <summary>The body's bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;
}
