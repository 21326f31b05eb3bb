using Ezrouter.Generated.OpenAi;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using RichardSzalay.MockHttp;
using Ezrouter.Http;

namespace Ezrouter.Tests.Middleware;

/// <summary>Our handlers under a plain Kiota adapter (a caller's own HttpClient): the handler aggregates SSE.</summary>
public class SseAggregationHandlerTests
{
    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task APlainKiotaAdapterOverOurHandlersGetsTheWholeCompletionFromAnSseAnswer(Delivery delivery)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "https://www.ezrouter.dev/v1/chat/completions").Respond(_ => TestClients.Sse(Payloads.ChatSse, delivery: delivery));
        var options = new EzrouterClientOptions { ApiKey = TestClients.ApiKey, Transport = mock };
        options.Retry.MaxRetries = 0;
        using var http = EzrouterClientFactory.CreateHttpClient(options);
        var client = new OpenAiClient(new HttpClientRequestAdapter(new EzrouterKeyAuthenticationProvider(TestClients.ApiKey, anthropicSurface: false), httpClient: http));

        var completion = await client.V1.Chat.Completions.PostAsync(ChatCompletionTests.Request());

        Assert.Equal("Hello there!", completion!.Choices![0].Message!.Content);
        Assert.Equal(1000, completion.Usage!.PromptTokensDetails!.CachedTokens);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task ATruncatedSseAnswerRaisesTheTypedTruncationThroughThePlainAdapterToo(Delivery delivery)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(_ => TestClients.Sse("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Cut\"}}]}\n\n", delivery: delivery));
        var options = new EzrouterClientOptions { ApiKey = TestClients.ApiKey, Transport = mock };
        using var http = EzrouterClientFactory.CreateHttpClient(options);
        var client = new OpenAiClient(new HttpClientRequestAdapter(new EzrouterKeyAuthenticationProvider(TestClients.ApiKey, anthropicSurface: false), httpClient: http));

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.V1.Chat.Completions.PostAsync(ChatCompletionTests.Request()));

        Assert.NotNull(error.PartialResponse);
    }

    [Fact]
    public async Task ThePlainAdapterHoldsAnAnswerToTheClientsBoundsNotTheDefaults()
    {
        // 2,000 characters of content: under the default bound, over the 1 Ki this client sets.
        var text = new string('a', 2000);
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(_ => TestClients.Sse(
            $"data: {{\"id\":\"c\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{text}\"}},\"finish_reason\":\"stop\"}}]}}\n\ndata: [DONE]\n\n"));
        var options = new EzrouterClientOptions { ApiKey = TestClients.ApiKey, Transport = mock };
        options.Limits.MaxAnswerChars = 1024;
        options.Retry.MaxRetries = 0;
        using var http = EzrouterClientFactory.CreateHttpClient(options);
        var client = new OpenAiClient(new HttpClientRequestAdapter(new EzrouterKeyAuthenticationProvider(TestClients.ApiKey, anthropicSurface: false), httpClient: http));

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.V1.Chat.Completions.PostAsync(ChatCompletionTests.Request()));

        Assert.Contains("MaxAnswerChars", error.Message);
    }
}
