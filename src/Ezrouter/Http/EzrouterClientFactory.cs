using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Ezrouter.Middleware;

namespace Ezrouter.Http;

/// <summary>
/// Builds the HTTP pipeline: Kiota's default handlers, with its retry handler swapped for the gateway's, and ours
/// added. Order, outermost first: Kiota UriReplacement; <see cref="RequestBodyHandler"/>;
/// <see cref="TotalTimeoutHandler"/>; <see cref="EzrouterRetryHandler"/> (in Kiota's retry slot);
/// <see cref="RateLimitPacingHandler"/> (when the profile or <see cref="EzrouterClientOptions.RateLimitPacing"/> asks
/// for it); <see cref="AdaptiveConcurrencyHandler"/> (when <see cref="EzrouterClientOptions.Concurrency"/> is set); Kiota
/// ParametersNameDecoding, UserAgent, HeadersInspection, BodyInspection; <see cref="SseAggregationHandler"/>;
/// <see cref="FirstByteTimeoutHandler"/>; <see cref="EzrouterErrorHandler"/>; <see cref="ContentEncodingHandler"/>;
/// <see cref="ResponseMetadataHandler"/>;
/// then the transport.
/// </summary>
public static class EzrouterClientFactory
{
    /// <summary>The SDK's product token in the User-Agent header.</summary>
    public const string ProductName = "ezrouter-dotnet";

    /// <summary>This SDK's version, from its assembly.</summary>
    public static string Version { get; } =
        typeof(EzrouterClientFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(EzrouterClientFactory).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The handler chain, for callers that build their own <see cref="HttpClient"/> (e.g. through IHttpClientFactory).</summary>
    public static IList<DelegatingHandler> CreateHandlers(EzrouterClientOptions options, Action<string>? onGatewayVersion = null) =>
        // The caller's own transport applies its own connect limit, which these handlers cannot know.
        CreateHandlers(options, onGatewayVersion, connectLimit: null);

    /// <summary>
    /// The handler chain, for callers that build their own <see cref="HttpClient"/>, with the connect limit their
    /// transport applies, so a connect timeout says it (<see cref="CreateTransport"/> applies
    /// <c>options.Timeouts.Connect</c>).
    /// </summary>
    /// <param name="options">The client options.</param>
    /// <param name="onGatewayVersion">Called with each gateway build seen.</param>
    /// <param name="connectLimit">The connect limit the transport applies, reported on a connect timeout; null when unknown.</param>
    public static IList<DelegatingHandler> CreateHandlers(EzrouterClientOptions options, Action<string>? onGatewayVersion, TimeSpan? connectLimit) =>
        CreateHandlers(options, onGatewayVersion, connectLimit, limiter: null);

    /// <summary>
    /// The handler chain around a concurrency limiter and a rate-limit pacer that outlive it: IHttpClientFactory
    /// rebuilds the chain when it rotates handlers, and what was learnt so far must carry over (null: a new one when
    /// the options ask for one).
    /// </summary>
    internal static IList<DelegatingHandler> CreateHandlers(EzrouterClientOptions options, Action<string>? onGatewayVersion, TimeSpan? connectLimit, AdaptiveConcurrencyLimiter? limiter, RateLimitPacer? pacer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var userAgent = new UserAgentHandlerOption { ProductName = ProductName, ProductVersion = Version };
        var profile = options.Profile ?? Profiles.GatewayProfile.Ezrouter;
        // Built first: a User-Agent that cannot be sent fails here, before any handler needs disposing.
        var ownUserAgent = (options.UserAgent ?? profile.UserAgent) is { } chosen ? new FixedUserAgentHandler(chosen) : null;
        var handlers = new List<DelegatingHandler>();
        foreach (var handler in KiotaClientFactory.CreateDefaultHandlers([userAgent]))
        {
            // Kiota's only appends its product token; a chosen User-Agent is sent exactly as given.
            if (handler is UserAgentHandler && ownUserAgent is not null)
            {
                handler.Dispose();
                handlers.Add(ownUserAgent);
                continue;
            }
            // Redirects are never followed: EzrouterErrorHandler, inside it, turns a 3xx into an error first (a
            // redirect would carry the key to another host). Kiota's RedirectHandler could only cost time.
            if (handler is RedirectHandler)
            {
                handler.Dispose();
            }
            else if (handler is RetryHandler)
            {
                handler.Dispose();
                handlers.Add(new RequestBodyHandler(options.EndUserId));
                handlers.Add(new TotalTimeoutHandler(options.Timeouts, options.TimeProvider, options.ApiKey, options.Limits));
                handlers.Add(new EzrouterRetryHandler(options.Retry, options.TimeProvider, profile.BackoffStatuses));
                // Inside the retries, so each attempt is paced and a backoff holds no slot; outside the adaptive
                // limit, so a call waiting for the account's window holds none of its slots either.
                if (Middleware.Options.RateLimitPacingOptions.For(options.RateLimitPacing, profile) is { } pacing)
                    handlers.Add(new RateLimitPacingHandler(pacer ?? new RateLimitPacer(pacing, options.TimeProvider), options.Retry));
                if (options.Concurrency is { } concurrency)
                    handlers.Add(new AdaptiveConcurrencyHandler(limiter ?? new AdaptiveConcurrencyLimiter(concurrency, options.TimeProvider)));
            }
            else handlers.Add(handler);
        }
        handlers.Add(new SseAggregationHandler(options.Timeouts, options.TimeProvider, options.ApiKey, options.Limits));
        handlers.Add(new FirstByteTimeoutHandler(options.Timeouts.FirstByte, options.TimeProvider));
        handlers.Add(new EzrouterErrorHandler(options.ApiKey, options.TimeProvider, connectLimit));
        handlers.Add(new ContentEncodingHandler(options.Limits, options.ApiKey));
        handlers.Add(new ResponseMetadataHandler(options.TimeProvider, onGatewayVersion));
        return handlers;
    }

    /// <summary>
    /// The default transport: sockets, no redirects (the pipeline raises a 3xx as an error), no decompression (the
    /// pipeline inflates what <see cref="EzrouterLimits.Decompression"/> allows, bounded), a connect timeout, no
    /// draining of unread bodies.
    /// </summary>
    public static HttpMessageHandler CreateTransport(EzrouterClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // The transport would inflate without bound (1 MiB of gzip can become 1 GiB): ContentEncodingHandler does
            // it instead, only when the caller asked, up to EzrouterLimits.MaxDecompressedBytes.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Timeouts.Connect ?? Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A stream the caller cancels or leaves early must let go of its connection at once. By default the
            // handler drains an unread body for up to 2 s to reuse the connection, and the gateway keeps generating
            // (and billing) meanwhile.
            MaxResponseDrainSize = 0,
        };
    }

    /// <summary>
    /// An <see cref="HttpClient"/> over the full pipeline, with <see cref="HttpClient.Timeout"/> infinite: the
    /// pipeline's own timeouts apply instead, so a long generation is not cut at 100 s.
    /// </summary>
    public static HttpClient CreateHttpClient(EzrouterClientOptions options, Action<string>? onGatewayVersion = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A caller's transport stays the caller's: disposing the client must not dispose it.
        var transport = options.Transport is { } own ? new CallerOwnedTransport(own) : CreateTransport(options);
        // The connect limit is ours to report only on the transport we build; a caller's transport has its own.
        var connectLimit = options.Transport is null ? options.Timeouts.Connect : null;
        var client = KiotaClientFactory.Create(CreateHandlers(options, onGatewayVersion, connectLimit), transport);
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    /// <summary>
    /// The innermost handler for a pipeline whose handlers are built elsewhere (IHttpClientFactory's primary handler):
    /// the caller's <see cref="EzrouterClientOptions.Transport"/>, not disposed and with redirects off, or
    /// <see cref="CreateTransport"/>.
    /// </summary>
    internal static HttpMessageHandler CreatePrimaryHandler(EzrouterClientOptions options) =>
        options.Transport is { } own ? new CallerOwnedTransport(own) : CreateTransport(options);

    /// <summary>
    /// The full pipeline in front of a caller's <see cref="HttpClient"/>, which sends each attempt
    /// (<c>EzrouterClient(HttpClient, EzrouterClientOptions)</c>). The connect limit is the caller's client's to apply.
    /// </summary>
    internal static HttpClient CreateHttpClientOver(HttpClient transport, EzrouterClientOptions options, Action<string>? onGatewayVersion)
    {
        var client = KiotaClientFactory.Create(CreateHandlers(options, onGatewayVersion, connectLimit: null), new CallerHttpClientTransport(transport));
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    /// <summary>
    /// Passes requests to a transport the caller owns, without disposing it, and with redirects off: following one
    /// would carry the key to another host (docs/gateway-behavior.md §1; <see cref="RedirectGuard"/>).
    /// </summary>
    private sealed class CallerOwnedTransport : DelegatingHandler
    {
        public CallerOwnedTransport(HttpMessageHandler inner) : base(inner) => RedirectGuard.Disable(inner);

        protected override async System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sentTo = request.RequestUri;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!RedirectGuard.Followed(sentTo, response)) return response;
            // A handler of a kind RedirectGuard cannot configure followed a redirect: too late to keep the key home,
            // but the other host's answer is not passed off as the gateway's.
            var host = response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Authority);
            response.Dispose();
            throw new EzrouterProtocolException(new EzrouterErrorDetails
            {
                Summary = $"the caller's transport followed a redirect to {host}; turn redirects off on it (the API key may have been sent there)",
            });
        }

        protected override void Dispose(bool disposing)
        {
            // Deliberately not base.Dispose: that would dispose the caller's handler.
        }
    }
}
