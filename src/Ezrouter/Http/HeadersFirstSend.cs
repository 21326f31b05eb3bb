using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using Ezrouter.Middleware.Options;
using Ezrouter.Diagnostics;
using Ezrouter.Middleware;

namespace Ezrouter.Http;

/// <summary>
/// Sends the requests whose answers this layer reads itself (streams, and the typed calls of
/// <see cref="EzrouterRequestAdapter"/>): the request converted by the Kiota adapter (authentication, headers,
/// options, body) and sent through the client's <see cref="HttpClient"/> pipeline with the call's
/// <see cref="CallScope"/>, headers only, the live response handed back.
/// </summary>
internal static class HeadersFirstSend
{
    /// <summary>
    /// Not the adapter's <c>SendPrimitiveAsync</c>: it names a tracing span from the URL template with a regular
    /// expression on every call, whether anything listens or not (3.3 µs of a 20 µs short stream), and the rest of
    /// what it adds (response parsing, Kiota's error mapping, a CAE retry) does not apply to an answer this layer
    /// reads itself.
    /// </summary>
    /// <param name="adapter">The surface's Kiota adapter, which converts the request.</param>
    /// <param name="http">The client's pipeline.</param>
    /// <param name="request">The request.</param>
    /// <param name="scope">The call's scope, whose token the request is sent with.</param>
    /// <param name="aggregation">What <see cref="SseAggregationHandler"/> does with an SSE answer to this request.</param>
    public static async Task<HttpResponseMessage> HeadersFirstAsync(IRequestAdapter adapter, HttpClient http, RequestInformation request, CallScope scope, SseAggregationOption aggregation)
    {
        request.AddRequestOptions([aggregation, scope, scope.Info]);
        // The call's span starts as its request leaves; whoever ends the call ends it (CallTelemetry).
        scope.Telemetry ??= CallTelemetry.Start(scope.Diagnostics, request, aggregation.Surface);
        // Disposed once the headers are in, as Kiota's adapter does: that also disposes the serialized body.
        using var message = await adapter.ConvertToNativeRequestAsync<HttpRequestMessage>(request, scope.Token).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The request adapter did not produce an HTTP request.");
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (scope.LimitExceeded(e, CallScope.NoResponseInTime) is { } timeout)
        {
            throw timeout;
        }
    }
}
