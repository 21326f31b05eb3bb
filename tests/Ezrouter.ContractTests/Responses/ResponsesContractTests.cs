using Ezrouter.ContractTests.Support;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;

namespace Ezrouter.ContractTests.Responses;

/// <summary>
/// <c>Responses.CreateAsync</c> and <c>CreateStreamingAsync</c> against the recorded gateway: a whole JSON response,
/// a named-event stream, a streamed function call, a response that fails mid-stream, and an error status.
/// </summary>
public sealed class ResponsesContractTests : IClassFixture<RecordedGatewayFixture>
{
    private readonly RecordedGatewayFixture _gateway;

    public ResponsesContractTests(RecordedGatewayFixture gateway)
    {
        _gateway = gateway;
        _gateway.Gateway.Reset();
    }

    [Fact]
    [HitsCassette("responses-whole")]
    public async Task StringInputReturnsTheWholeResponseWithUsage()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        // Act
        var response = await client.Responses.CreateAsync(ResponsesRequests.Whole());

        // Assert
        var value = response.Value;
        Assert.Equal("resp_01Hq3vN7mZcR2sKdY8pWfT4d", value.Id);
        Assert.Equal("response", value.Object);
        Assert.Equal("completed", value.Status);
        var message = Assert.Single(value.Output!);
        Assert.Equal("message", message.Type);
        Assert.Equal("output_text", Assert.Single(message.Content!).Type);
        Assert.Equal("Hello! How can I help you today?", message.Content![0].Text);
        Assert.Equal((14, 11, 25, 0, 0), (value.Usage!.InputTokens, value.Usage.OutputTokens, value.Usage.TotalTokens, value.Usage.InputTokensDetails!.CachedTokens, value.Usage.OutputTokensDetails!.ReasoningTokens));
        Assert.Equal(RecordedIds.RequestId("responses-whole"), response.Info.RequestId);
        var sent = _gateway.Gateway.Requests[^1].Body!;
        Assert.Contains("\"input\":\"Hello!\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"instructions\":\"Be brief.\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"max_output_tokens\":1024", sent, StringComparison.Ordinal);
        _gateway.AssertAnsweredBy("responses-whole");
    }

    [Fact]
    [HitsCassette("responses-stream")]
    public async Task StreamYieldsEveryNamedEventAndCompletes()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Responses.CreateStreamingAsync(ResponsesRequests.Count());

        // Act
        var events = new List<ResponseStreamEvent>();
        await foreach (var streamEvent in stream) events.Add(streamEvent);
        var final = await stream.GetFinalResponseAsync();

        // Assert
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(11, events.Count);
        Assert.Equal("response.created", events[0].Type);
        Assert.Equal("response.completed", events[^1].Type);
        Assert.Equal("1, 2, 3, 4, 5.", string.Concat(events.Where(e => e.Type == "response.output_text.delta").Select(e => e.Delta)));
        Assert.Equal("1, 2, 3, 4, 5.", final.Output![0].Content![0].Text);
        Assert.Equal(29, final.Usage!.TotalTokens);
        Assert.Contains("\"stream\":true", _gateway.Gateway.Requests[^1].Body!, StringComparison.Ordinal);
        _gateway.AssertAnsweredBy("responses-stream");
    }

    [Fact]
    public async Task CreateAsyncReadsAnSseAnswerWhole()
    {
        // Arrange: CreateAsync given an SSE answer (as the gateway sends when the upstream streams): the SSE aggregation reads it whole.
        using var client = _gateway.CreateClient();
        var request = ResponsesRequests.Count();
        request.Stream = true;

        // Act
        var response = await client.Responses.CreateAsync(request);

        // Assert
        Assert.Equal("text/event-stream", response.Info.ContentType);
        Assert.Equal("completed", response.Value.Status);
        Assert.Equal("1, 2, 3, 4, 5.", response.Value.Output![0].Content![0].Text);
        _gateway.AssertAnsweredBy("responses-stream");
    }

    [Fact]
    [HitsCassette("responses-function-call")]
    public async Task FunctionCallArrivesWholeWithItsArguments()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        // Act
        var stream = client.Responses.CreateStreamingAsync(ResponsesRequests.WeatherTool());
        var final = await stream.GetFinalResponseAsync();

        // Assert
        var call = Assert.Single(final.Output!);
        Assert.Equal(("function_call", "call_PieYkhdCMoSn3A18wfMVrZwQ", "get_weather", "{\"location\":\"Paris, France\"}"), (call.Type, call.CallId, call.Name, call.Arguments));
        var sent = _gateway.Gateway.Requests[^1].Body!;
        Assert.Contains("\"input\":[{\"role\":\"user\",\"content\":\"What", sent, StringComparison.Ordinal);
        Assert.Contains("\"tools\":[{\"description\":\"Current weather for a location.\",\"name\":\"get_weather\",\"type\":\"function\"}]", sent, StringComparison.Ordinal);
        _gateway.AssertAnsweredBy("responses-function-call");
    }

    [Fact]
    [HitsCassette("responses-stream-failed")]
    public async Task FailedResponseEndsTheStreamInATypedErrorWithThePartialText()
    {
        // Arrange
        using var client = _gateway.CreateClient();
        var stream = client.Responses.CreateStreamingAsync(ResponsesRequests.Text("responses-stream-failed", "Write a haiku about the sea."));

        // Act
        // (server_error: the same type a failed JSON response raises, docs/gateway-behavior.md §22)
        var error = await Assert.ThrowsAsync<EzrouterServerException>(async () => { await foreach (var _ in stream) { } });

        // Assert
        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Equal(("response.failed", "server_error", 200), (error.ErrorType, error.ErrorCode, error.StatusCode));
        Assert.Contains("The upstream model stopped responding.", error.Message, StringComparison.Ordinal);
        var partial = Assert.IsType<ModelResponse>(error.PartialResponse);
        Assert.Equal("failed", partial.Status);
        Assert.Equal("The sea", partial.Output![0].Content![0].Text);
        _gateway.AssertAnsweredBy("responses-stream-failed");
    }

    [Fact]
    [HitsCassette("responses-error-503-model-not-found")]
    public async Task UnknownModelIsTheTypedModelNotFound()
    {
        // Arrange
        using var client = _gateway.CreateClient();

        // Act
        var error = await Assert.ThrowsAsync<EzrouterModelNotFoundException>(() =>
            client.Responses.CreateAsync(ResponsesRequests.Text("responses-error-503-model-not-found", "Hi")));

        // Assert
        GatewayErrorAssert.Matches(error, 503, "new_api_error", "model_not_found", RecordedIds.RequestId("responses-error-503-model-not-found"));
        _gateway.AssertAnsweredBy("responses-error-503-model-not-found");
    }
}
