using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Responses;

/// <summary>
/// A failed response raises the same exception whichever way it arrived (docs/gateway-behavior.md §22): a whole JSON
/// response with <c>status: failed</c>, the same JSON answering a stream request, a stream's <c>response.failed</c>,
/// or that stream read whole by <c>CreateAsync</c>. The type follows <c>error.code</c>; the response is kept.
/// </summary>
public class ResponseFailureTests
{
    private const string Url = "https://www.ezrouter.dev/v1/responses";

    /// <summary>How the failed response reaches the caller.</summary>
    public enum Path
    {
        JsonWhole,
        JsonToAStream,
        StreamEvent,
        StreamReadWhole,
    }

    private static CreateResponseRequest Request() => new() { Model = "claude-sonnet-4-6", Input = new ResponseInput { String = "Hi" } };

    private static string Failed(string? code) =>
        "{\"id\":\"resp_9\",\"object\":\"response\",\"status\":\"failed\",\"model\":\"claude-sonnet-4-6\",\"output\":[],"
        + "\"error\":" + (code is null ? "null" : "{\"code\":\"" + code + "\",\"message\":\"It failed.\"}") + "}";

    private static string Stream(string? code) =>
        "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_9\",\"status\":\"in_progress\",\"output\":[]}}\n\n"
        + "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_9\",\"role\":\"assistant\",\"content\":[]}}\n\n"
        + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_9\",\"output_index\":0,\"content_index\":0,\"delta\":\"Half\"}\n\n"
        + "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":" + Failed(code) + "}\n\n";

    private static EzrouterClient ClientAnswering(string body, string contentType)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = TestClients.Response(body, contentType, "20261121000000000000000000000009");
            response.Headers.Add("x-ratelimit-tier", "pro");
            response.Headers.Add("x-ratelimit-remaining-requests", "41");
            return response;
        });
        return TestClients.Create(mock);
    }

    private static async Task<EzrouterException> FailAsync(Path path, string? code)
    {
        var json = path is Path.JsonWhole or Path.JsonToAStream;
        using var client = ClientAnswering(json ? Failed(code) : Stream(code), json ? "application/json" : "text/event-stream");
        var error = await Assert.ThrowsAnyAsync<EzrouterException>(async () =>
        {
            if (path is Path.JsonWhole or Path.StreamReadWhole) await client.Responses.CreateAsync(Request());
            else await client.Responses.CreateStreamingAsync(Request()).GetFinalResponseAsync();
        });
        return error;
    }

    public static TheoryData<Path, string?, Type> Cases()
    {
        var data = new TheoryData<Path, string?, Type>();
        foreach (var path in Enum.GetValues<Path>())
        {
            data.Add(path, "server_error", typeof(EzrouterServerException));
            data.Add(path, null, typeof(EzrouterServerException));
            data.Add(path, "rate_limit_exceeded", typeof(EzrouterRateLimitException));
            data.Add(path, "rate_limit_error", typeof(EzrouterRateLimitException));
            data.Add(path, "model_not_found", typeof(EzrouterModelNotFoundException));
            data.Add(path, "invalid_prompt", typeof(EzrouterInvalidRequestException));
            data.Add(path, "image_too_large", typeof(EzrouterInvalidRequestException));
            data.Add(path, "vector_store_timeout", typeof(EzrouterUpstreamUnavailableException));
            data.Add(path, "overloaded_error", typeof(EzrouterOverloadedException));
            data.Add(path, "something_new", typeof(EzrouterServerException));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheErrorCodePicksTheTypeOnEveryPath(Path path, string? code, Type expected)
    {
        // Act
        var error = await FailAsync(path, code);

        // Assert
        Assert.IsType(expected, error);
        Assert.Equal(("response.failed", code, 200), (error.ErrorType, error.ErrorCode, error.StatusCode));
        Assert.Equal(ErrorTaxonomy.Upstream, error.Taxonomy);
        Assert.Equal(code is null ? null : "It failed.", error.GatewayMessage);
        // The summary says what failed even when the gateway's message says nothing useful.
        Assert.Equal(code is null ? "the response failed" : $"the response failed ({code})", error.Details.Summary);
        Assert.Equal(("pro", 41), (error.RateLimit!.Tier, error.RateLimit.RemainingRequests));
        Assert.Equal("20261121000000000000000000000009", error.RequestId);
    }

    [Theory]
    [InlineData(Path.JsonWhole, null)]
    [InlineData(Path.JsonToAStream, null)]
    [InlineData(Path.StreamEvent, "Half")]
    [InlineData(Path.StreamReadWhole, "Half")]
    public async Task TheFailedResponseIsKeptOnEveryPath(Path path, string? text)
    {
        // Act
        var error = await FailAsync(path, "server_error");

        // Assert
        var partial = Assert.IsType<ModelResponse>(error.PartialResponse);
        Assert.Equal(("resp_9", "failed", "server_error"), (partial.Id, partial.Status, partial.Error?.Code));
        // A stream keeps the text it had built; a whole response is kept as it came.
        Assert.Equal(text, partial.Output is [{ Content: [{ Text: var built }] }] ? built : null);
    }

    [Fact]
    public async Task AStreamThatFailsEndsAsAnErrorAndIsNotRetried()
    {
        // Arrange
        var mock = new MockHttpMessageHandler();
        var sent = 0;
        mock.When(HttpMethod.Post, Url).Respond(_ => { sent++; return TestClients.Sse(Stream("rate_limit_exceeded")); });
        using var client = TestClients.Create(mock);
        var stream = client.Responses.CreateStreamingAsync(Request());

        // Act
        var error = await Assert.ThrowsAsync<EzrouterRateLimitException>(async () => { await foreach (var _ in stream) { } });

        // Assert
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Equal((1, 0), (sent, error.RetryCount));
        Assert.Contains("\"response.failed\"", error.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorEventIsNotAFailedResponseAndStaysAStreamError()
    {
        // Arrange
        var body = Stream("server_error").Split("event: response.failed")[0]
            + "event: error\ndata: {\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down.\",\"param\":null}\n\n";
        using var client = ClientAnswering(body, "text/event-stream");

        // Act
        var error = await Assert.ThrowsAsync<EzrouterStreamException>(() => client.Responses.CreateStreamingAsync(Request()).GetFinalResponseAsync());

        // Assert
        Assert.Equal(("error", "rate_limit_exceeded"), (error.ErrorType, error.ErrorCode));
        Assert.Equal("pro", error.RateLimit!.Tier);
    }
}
