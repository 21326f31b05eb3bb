using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RichardSzalay.MockHttp;
using Ezrouter.Middleware;

namespace Ezrouter.Tests.TestSupport;

/// <summary>Sends one request through a <see cref="EzrouterErrorHandler"/> over MockHttp and returns what it raised.</summary>
public static class ErrorResponses
{
    public const string GatewayVersion = "v0.9.6-alpha.3";

    /// <summary>A response as the gateway sends it: <c>X-New-Api-Version</c> always, the request id header only when given.</summary>
    public static HttpResponseMessage Response(int status, string body, string? contentType = "application/json", string? requestIdHeader = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null) response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        response.Headers.TryAddWithoutValidation("X-New-Api-Version", GatewayVersion);
        if (requestIdHeader is not null) response.Headers.TryAddWithoutValidation("X-Oneapi-Request-Id", requestIdHeader);
        return response;
    }

    /// <summary>Sends a chat request through the error handler, answered with <paramref name="response"/>; returns the exception it threw.</summary>
    public static async Task<EzrouterException> RaiseAsync(HttpResponseMessage response, string? secret = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => response);
        using var invoker = HandlerChain.Invoker(mock, new EzrouterErrorHandler(secret));
        using var request = HandlerChain.ChatRequest();
        return await Assert.ThrowsAnyAsync<EzrouterException>(() => invoker.SendAsync(request, CancellationToken.None));
    }

    public static Task<EzrouterException> RaiseAsync(int status, string body, string? contentType = "application/json", string? requestIdHeader = null, string? secret = null) =>
        RaiseAsync(Response(status, body, contentType, requestIdHeader), secret);
}
