using System.Net;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Http;
using Ezrouter.Middleware;
using Ezrouter.Middleware.Options;

namespace Ezrouter.Tests.Middleware;

/// <summary>
/// A request carries its own limits (an <see cref="EzrouterTimeouts"/> in its options) and says which surface it is
/// for (<see cref="SseAggregationOption.Surface"/>); the pipeline reads both from the request, not from the client's
/// defaults or the URL.
/// </summary>
public sealed class PerRequestLimitsTests
{
    private const string AnthropicSse =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task ARequestsOwnTotalLimitReplacesTheClientsOnAGeneratedCall()
    {
        // Arrange: the client allows 30 minutes; this one call carries 10 seconds, and the answer stalls.
        var body = new OneChunkThenWaitStream("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half\"}}]}\n\n");
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => Sse(new StreamContent(body)));
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = mock, TimeProvider = _time });
        var limits = new EzrouterTimeouts { Total = TimeSpan.FromSeconds(10) };

        // Act
        var call = client.OpenAi.V1.Chat.Completions.PostAsync(new CreateChatCompletionRequest { Model = "m" }, c => c.Options.Add(limits));
        await body.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(10));
        var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.Total, timeout.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), timeout.Limit);
        Assert.Equal("Half", Assert.IsType<CreateChatCompletionResponse>(timeout.PartialResponse).Choices![0].Message!.Content);
    }

    [Fact]
    public async Task ARequestsOwnLimitsReplaceTheHandlersOnAPlainPipeline()
    {
        // Arrange
        var never = new TaskCompletionSource<HttpResponseMessage>();
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(() => never.Task);
        using var invoker = HandlerChain.Invoker(mock, new TotalTimeoutHandler(TimeSpan.FromMinutes(30), _time), new FirstByteTimeoutHandler(TimeSpan.FromMinutes(5), _time));
        var request = HandlerChain.ChatRequest().With(new EzrouterTimeouts { FirstByte = TimeSpan.FromSeconds(3), Total = null });

        // Act
        var send = invoker.SendAsync(request, CancellationToken.None);
        await _time.WaitForTimerAsync();
        _time.Advance(TimeSpan.FromSeconds(3));
        var error = await Record.ExceptionAsync(() => send.WaitAsync(TimeSpan.FromSeconds(5)));

        // Assert
        var timeout = Assert.IsType<EzrouterTimeoutException>(error);
        Assert.Equal(TimeoutKind.FirstByte, timeout.Kind);
        Assert.Equal(TimeSpan.FromSeconds(3), timeout.Limit);
    }

    [Fact]
    public async Task TheSurfaceTheRequestNamesDecidesHowItsSseAnswerIsRead()
    {
        // Arrange: a path that names no surface; the request says Anthropic.
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => Sse(new StringContent(AnthropicSse)));
        using var invoker = HandlerChain.Invoker(mock, new SseAggregationHandler(timeProvider: _time));
        var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.test/custom/route") { Content = new StringContent("{}") }
            .With(new SseAggregationOption { Surface = EzrouterSurface.Anthropic });

        // Act
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        var json = await response.Content.ReadAsStringAsync();

        // Assert: read as a message, and handed on as its JSON.
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"id\":\"msg_1\"", json);
        Assert.Contains("\"text\":\"Hi\"", json);
    }

    [Fact]
    public async Task AnSseAnswerOnAPathThatNamesNoSurfacePassesThroughWhenTheRequestDoesNotSay()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => Sse(new StringContent(AnthropicSse)));
        using var invoker = HandlerChain.Invoker(mock, new SseAggregationHandler(timeProvider: _time));

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://gateway.test/custom/route"), CancellationToken.None);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheClientsAdapterSaysTheSurfaceSoTheUrlDoesNotDecide()
    {
        // Arrange: the request that reaches the transport shows what the pipeline was told.
        HttpRequestMessage? seen = null;
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            seen = request;
            return Sse(new StringContent(AnthropicSse));
        });
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = mock, TimeProvider = _time });

        // Act
        var message = await client.Anthropic.V1.Messages.PostAsync(new Ezrouter.Generated.Anthropic.Models.CreateMessageRequest { Model = "claude", MaxTokens = 5 });

        // Assert
        Assert.Equal("msg_1", message!.Id);
        Assert.NotNull(seen);
        Assert.True(seen!.Options.TryGetValue(new HttpRequestOptionsKey<SseAggregationOption>(typeof(SseAggregationOption).FullName!), out var option));
        Assert.Equal(EzrouterSurface.Anthropic, option.Surface);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(60 * 60 * 24 + 1)]
    public void ATimeoutOutsideItsBoundsIsRefused(int seconds)
    {
        var limits = new EzrouterTimeouts();
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.Total = TimeSpan.FromSeconds(seconds));
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.Idle = TimeSpan.FromSeconds(seconds));
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.FirstByte = TimeSpan.FromSeconds(seconds));
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.Connect = TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void NullAndADayAreAccepted()
    {
        var limits = new EzrouterTimeouts { Total = EzrouterTimeouts.MaxLimit, Idle = null };
        Assert.Equal(TimeSpan.FromDays(1), limits.Total);
        Assert.Null(limits.Idle);
    }

    [Fact]
    public async Task TheSurfaceOptionTheClientStampsCannotBeChangedByWhatSeesTheRequest()
    {
        // Arrange: a transport that finds the option on the request message and tries to switch aggregation off.
        Exception? refused = null;
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            request.Options.TryGetValue(new HttpRequestOptionsKey<SseAggregationOption>(typeof(SseAggregationOption).FullName!), out var option);
            refused = Record.Exception(() => option!.Enabled = false);
            return Sse(new StringContent(AnthropicSse));
        });
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = mock, TimeProvider = _time });

        // Act: the first call tries; the second must still be aggregated.
        await client.Anthropic.V1.Messages.PostAsync(new Ezrouter.Generated.Anthropic.Models.CreateMessageRequest { Model = "claude", MaxTokens = 5 });
        var second = await client.Anthropic.V1.Messages.PostAsync(new Ezrouter.Generated.Anthropic.Models.CreateMessageRequest { Model = "claude", MaxTokens = 5 });

        // Assert
        Assert.IsType<InvalidOperationException>(refused);
        Assert.Equal("msg_1", second!.Id);
    }

    private static HttpResponseMessage Sse(HttpContent content)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        return response;
    }
}
