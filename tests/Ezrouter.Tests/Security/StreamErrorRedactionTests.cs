using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Security;

/// <summary>An error inside a stream that echoes the key never carries it into the exception.</summary>
public class StreamErrorRedactionTests
{
    private static EzrouterClient Client(string body, string url, Delivery delivery)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, url).Respond(_ => TestClients.Sse(body, delivery: delivery));
        return TestClients.Create(mock, o => o.ApiKey = TestKeys.ApiKey);
    }

    private static void AssertNoKey(EzrouterException error)
    {
        Assert.DoesNotContain(TestKeys.ApiKey, error.Message);
        Assert.DoesNotContain(TestKeys.ApiKey, error.ToString());
        Assert.DoesNotContain(TestKeys.ApiKey, error.GatewayMessage ?? "");
        Assert.DoesNotContain(TestKeys.ApiKey, error.RawBody ?? "");
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task ChatErrorChunkEchoingTheKeyIsRedacted(Delivery delivery)
    {
        var body = "data: {\"error\":{\"message\":\"bad key " + TestKeys.ApiKey + "\",\"type\":\"upstream_error\",\"code\":\"" + TestKeys.ApiKey + "\"}}\n\ndata: [DONE]\n\n";
        using var client = Client(body, "https://www.ezrouter.dev/v1/chat/completions", delivery);

        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        AssertNoKey(error);
        Assert.Contains("[REDACTED]", error.GatewayMessage);
        Assert.NotNull(error.RawBody);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task MalformedEventEchoingTheKeyIsRedacted(Delivery delivery)
    {
        using var client = Client("data: {oops " + TestKeys.ApiKey + "\n\n", "https://www.ezrouter.dev/v1/chat/completions", delivery);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteAsync(ChatCompletionTests.Request()));

        AssertNoKey(error);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task AnthropicErrorEventEchoingTheKeyIsRedacted(Delivery delivery)
    {
        var body = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"key " + TestKeys.ApiKey + " rejected\"}}\n\n\n";
        using var client = Client(body, "https://www.ezrouter.dev/anthropic/v1/messages", delivery);

        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync());

        AssertNoKey(error);
    }
}
