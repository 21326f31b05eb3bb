using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Ezrouter.DependencyInjection;

/// <summary>
/// The DI client's only handler: each request goes through the handler chain IHttpClientFactory currently holds for
/// the named client (<see cref="IHttpMessageHandlerFactory.CreateHandler"/> per request, as a short-lived HttpClient
/// would), so the factory's handler rotation keeps working for a client that lives as long as the application.
/// </summary>
internal sealed class FactoryHandler : HttpMessageHandler
{
    private readonly IHttpMessageHandlerFactory _factory;
    private readonly string _name;

    public FactoryHandler(IHttpMessageHandlerFactory factory, string name)
    {
        _factory = factory;
        _name = name;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        // The factory tracks and disposes the chain; the invoker must not.
        new HttpMessageInvoker(_factory.CreateHandler(_name), disposeHandler: false).SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        new HttpMessageInvoker(_factory.CreateHandler(_name), disposeHandler: false).Send(request, cancellationToken);
}
