using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Http;

/// <summary>
/// With <c>new EzrouterClient(httpClient, options)</c>, the caller's <see cref="HttpClient.Timeout"/> bounds each
/// attempt until its headers arrive: when it runs out, the call fails as the first-byte timeout it is, naming that
/// limit, not as a connect timeout of zero seconds.
/// </summary>
public sealed class CallerHttpClientTimeoutTests
{
    [Fact]
    public async Task TheCallersHttpClientTimeoutIsAFirstByteTimeout()
    {
        using var http = new HttpClient(new NeverAnswers()) { Timeout = TimeSpan.FromMilliseconds(200) };
        using var client = new EzrouterClient(http, new EzrouterClientOptions
        {
            ApiKey = "sk-caller-timeout-0000000000000000",
            BaseUrl = new Uri("http://127.0.0.1:9"),
            Retry = new EzrouterRetryOptions { MaxRetries = 0 },
        });

        var error = await Assert.ThrowsAsync<EzrouterTimeoutException>(() => client.Chat.CompleteAsync(new CreateChatCompletionRequest
        {
            Model = "gpt-5.2",
            Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hi" } } }],
        }));

        Assert.Equal(TimeoutKind.FirstByte, error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Limit);
        Assert.Contains("HttpClient.Timeout", error.Message, StringComparison.Ordinal);
    }

    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
