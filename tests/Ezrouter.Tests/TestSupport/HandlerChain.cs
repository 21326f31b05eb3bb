namespace Ezrouter.Tests.TestSupport;

/// <summary>Chains delegating handlers, outermost first, over an inner handler and wraps them in an <see cref="HttpMessageInvoker"/>.</summary>
public static class HandlerChain
{
    public static HttpMessageInvoker Invoker(HttpMessageHandler inner, params DelegatingHandler[] outermostFirst)
    {
        var next = inner;
        for (var i = outermostFirst.Length - 1; i >= 0; i--)
        {
            outermostFirst[i].InnerHandler = next;
            next = outermostFirst[i];
        }
        return new HttpMessageInvoker(next);
    }

    /// <summary>A POST to the chat-completions path with a small JSON body.</summary>
    public static HttpRequestMessage ChatRequest(string json = """{"model":"gpt-5.2","messages":[{"role":"user","content":"hi"}]}""") =>
        new(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

    /// <summary>Adds a Kiota request option the way the request adapter does, so handlers find it with <c>GetRequestOption</c>.</summary>
    public static HttpRequestMessage With<T>(this HttpRequestMessage request, T option) where T : Microsoft.Kiota.Abstractions.IRequestOption
    {
        request.Options.Set(new HttpRequestOptionsKey<Microsoft.Kiota.Abstractions.IRequestOption>(typeof(T).FullName!), option);
        return request;
    }
}
