using System.Net;
using System.Text;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Errors;

/// <summary>
/// Every bad answer ends in a typed exception that says what happened, and nothing malformed passes as a success:
/// wrong-typed event values, non-object events, untyped deltas, unreadable JSON answers, redirects, odd statuses.
/// </summary>
public sealed class TypedFailureTests : IDisposable
{
    private readonly MockHttpMessageHandler _mock = new();
    private readonly EzrouterClient _client;

    public TypedFailureTests()
    {
        var options = new EzrouterClientOptions { ApiKey = TestKeys.ApiKey, Transport = _mock };
        options.Retry.MaxRetries = 0;
        _client = new EzrouterClient(options);
    }

    public void Dispose() => _client.Dispose();

    private const string ChunkStart = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n";

    private void Answer(int status, string body, string? contentType, Action<HttpResponseMessage>? more = null) =>
        _mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            if (contentType is not null) response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            more?.Invoke(response);
            return response;
        });

    private Task<EzrouterException> ChatFails() => Assert.ThrowsAnyAsync<EzrouterException>(() => _client.Chat.CompleteAsync(new CreateChatCompletionRequest { Model = "m" }));

    [Theory]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":42}}]}", "choices[0].delta.content: expected a string, found a number")]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":[\"a\"]}}]}", "choices[0].delta.content: expected a string, found an array")]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":\"hello\"}]}", "choices[0].delta: expected an object, found a string")]
    [InlineData("{\"choices\":{\"index\":0}}", "choices: expected an array, found an object")]
    [InlineData("[1,2,3]", "the event: expected an object, found an array")]
    [InlineData("\"hello\"", "the event: expected an object, found a string")]
    [InlineData("42", "the event: expected an object, found a number")]
    public async Task AChatEventThatSaysSomethingElseThanTheSpecIsAProtocolErrorNamingTheFieldAndTheEvent(string data, string expected)
    {
        Answer(200, ChunkStart + $"data: {data}\n\ndata: [DONE]\n\n", "text/event-stream");

        var error = await ChatFails();

        var protocol = Assert.IsType<EzrouterProtocolException>(error);
        Assert.Contains("stream event 2", protocol.Message);
        Assert.Contains(expected, protocol.Message);
        Assert.Equal("Hi", Assert.IsType<CreateChatCompletionResponse>(protocol.PartialResponse).Choices![0].Message!.Content);
    }

    [Fact]
    public async Task AnAnthropicDeltaWithoutATypeIsAProtocolErrorNotAnEmptyMessage()
    {
        Answer(200,
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"c\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"text\":\"Hi\"}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
            "text/event-stream");

        var error = await Assert.ThrowsAnyAsync<EzrouterException>(() => _client.Messages.CreateAsync(new CreateMessageRequest { Model = "c", MaxTokens = 5 }));

        var protocol = Assert.IsType<EzrouterProtocolException>(error);
        Assert.Contains("stream event 3", protocol.Message);
        Assert.Contains("delta", protocol.Message);
    }

    [Theory]
    [InlineData("", "application/json")]
    [InlineData("{\"id\":\"x\",\"choices\":[", "application/json")]
    [InlineData("{\"id\":\"x\"} trailing", "application/json")]
    [InlineData("{\"id\":\"x\",\"created\":1.5}", "application/json")]
    [InlineData("{\"id\":\"x\",\"created\":1e400}", "application/json")]
    [InlineData("data: {\"id\":\"x\"}\n\n", "application/json")]
    [InlineData("{\"id\":\"x\"}", "image/png")]
    public async Task AJsonAnswerThatIsNotReadableAsTheModelIsAProtocolError(string body, string contentType)
    {
        Answer(200, body, contentType);

        Assert.IsType<EzrouterProtocolException>(await ChatFails());
    }

    [Fact]
    public async Task JsonNestedDeeperThanTheReaderAllowsIsAProtocolError()
    {
        Answer(200, "{\"id\":\"x\",\"extra\":" + new string('[', 100) + new string(']', 100) + "}", "application/json");

        Assert.IsType<EzrouterProtocolException>(await ChatFails());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task ValidJsonUnderAnotherLabelIsStillTheAnswer(string? contentType)
    {
        Answer(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}", contentType);

        var result = await _client.Chat.CompleteAsync(new CreateChatCompletionRequest { Model = "m" });

        Assert.Equal("ok", result.Value.Choices![0].Message!.Content);
    }

    [Fact]
    public async Task AnErrorEnvelopeAfterTheFirst256BytesIsStillAnError()
    {
        Answer(200, "{\"padding\":\"" + new string('x', 400) + "\",\"error\":{\"message\":\"upstream failed\",\"type\":\"upstream_error\",\"code\":\"bad\"}}", "application/json");

        var error = await ChatFails();

        Assert.Contains("upstream failed", error.Message);
    }

    [Fact]
    public async Task ABodyCutShortOfItsLengthIsAConnectionFailure()
    {
        _mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new FailingStream(Encoding.UTF8.GetBytes("{\"id\":\"x\",\"cho"))) { Headers = { ContentType = new("application/json") } },
        });

        Assert.IsType<EzrouterConnectionException>(await ChatFails());
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task ARedirectIsATypedErrorThatNamesWhereItPoints(int status)
    {
        Answer(status, "", null, r => r.Headers.Location = new Uri("https://elsewhere.example:8443/v1/chat/completions"));

        var redirect = Assert.IsType<EzrouterRedirectException>(await ChatFails());

        Assert.Contains("elsewhere.example:8443", redirect.Message);
        Assert.Equal("elsewhere.example", redirect.Location?.Host);
    }

    [Theory]
    [InlineData(402, typeof(EzrouterInsufficientQuotaException))]
    [InlineData(405, typeof(EzrouterInvalidRequestException))]
    [InlineData(408, typeof(EzrouterUpstreamUnavailableException))]
    [InlineData(418, typeof(EzrouterInvalidRequestException))]
    [InlineData(500, typeof(EzrouterServerException))]
    [InlineData(501, typeof(EzrouterServerException))]
    [InlineData(599, typeof(EzrouterServerException))]
    public async Task EveryStatusLandsOnATypeThatSaysWhatHappened(int status, Type expected)
    {
        Answer(status, "", null);

        var error = await ChatFails();

        Assert.IsType(expected, error);
    }

    [Fact]
    public async Task AModelsAnswerWithoutItsDataArrayIsNotAnEmptyCatalog()
    {
        Answer(200, "{}", "application/json");

        var error = await Assert.ThrowsAnyAsync<EzrouterException>(() => _client.Models.ListAsync());

        Assert.IsType<EzrouterProtocolException>(error);
    }

    private sealed class FailingStream(byte[] first) : MemoryStream(first)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("The response ended prematurely.");
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The response ended prematurely.");
        }
    }
}
