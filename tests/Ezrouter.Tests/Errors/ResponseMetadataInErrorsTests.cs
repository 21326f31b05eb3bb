using System.Net;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// An error raised about a response the gateway did send (no body, a broken stream) keeps that response's metadata
/// the way an error status does: the rate limits when they were sent, and never the key a header echoes.
/// </summary>
public sealed class ResponseMetadataInErrorsTests
{
    private static CreateChatCompletionRequest Chat() => new()
    {
        Model = "claude-sonnet-4-6",
        Messages = [new ChatCompletionRequestMessage { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "hi" } } }],
    };

    [Fact]
    public async Task An_answer_with_no_body_redacts_a_request_id_that_echoes_the_key()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NoContent);
            response.Headers.Add("X-Oneapi-Request-Id", TestClients.ApiKey);
            return response;
        });
        using var client = TestClients.Create(mock, o => o.Retry.MaxRetries = 0);

        var error = await Assert.ThrowsAnyAsync<EzrouterException>(() => client.Chat.CompleteAsync(Chat()));

        Assert.DoesNotContain(TestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, error.RequestId ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_short_carries_the_rate_limits_its_headers_sent()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(_ =>
        {
            var response = TestClients.Sse("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Cut\"}}]}\n\n");
            response.Headers.Add("x-ratelimit-tier", "free");
            response.Headers.Add("x-ratelimit-limit-requests", "5");
            response.Headers.Add("x-ratelimit-remaining-requests", "4");
            response.Headers.Add("x-concurrent-limit", "1");
            response.Headers.Add("x-concurrent-remaining", "0");
            return response;
        });
        using var client = TestClients.Create(mock, o => o.Retry.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(() => client.Chat.CompleteStreamingAsync(Chat()).GetFinalCompletionAsync());

        Assert.NotNull(error.RateLimit);
        Assert.Equal("free", error.RateLimit.Tier);
        Assert.Equal(5, error.RateLimit.LimitRequests);
        Assert.Equal(0, error.RateLimit.ConcurrentRemaining);
    }
}
