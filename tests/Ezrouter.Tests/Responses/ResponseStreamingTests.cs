using System.Net;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Responses;
using Ezrouter.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Responses;

/// <summary>Responses API streams: assembly from the events, and the three endings (completed, typed error, truncated).</summary>
public class ResponseStreamingTests
{
    private const string Url = "https://www.ezrouter.dev/v1/responses";

    private static CreateResponseRequest Request() => new() { Model = "claude-sonnet-4-6", Input = new ResponseInput { String = "Hi" } };

    private static string Event(string type, string json) => $"event: {type}\ndata: {{\"type\":\"{type}\",{json}}}\n\n";

    private const string Head = "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1795253461,\"status\":\"in_progress\",\"model\":\"claude-sonnet-4-6\",\"output\":[]}";

    // A text message and a function call built only from added/delta events; the terminal event's output is empty,
    // so the final response is the accumulator's.
    private static readonly string Deltas =
        Event("response.created", Head) +
        Event("response.output_item.added", "\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[]}") +
        Event("response.content_part.added", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\"}") +
        Event("response.output_text.delta", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Let me \"") +
        Event("response.output_text.delta", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"check.\"") +
        Event("response.output_item.added", "\"output_index\":1,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"\"}") +
        Event("response.function_call_arguments.delta", "\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":\"{\\\"city\\\":\"") +
        Event("response.function_call_arguments.delta", "\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":\"\\\"Paris\\\"}\"");

    private static readonly string Completed = Event("response.completed",
        "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"claude-sonnet-4-6\",\"output\":[],\"usage\":{\"input_tokens\":10,\"output_tokens\":7,\"total_tokens\":17}}");

    private static EzrouterClient ClientAnswering(string body, Delivery? delivery = null, string contentType = "text/event-stream")
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Response(body, contentType, "20261121777", delivery: delivery));
        return TestClients.Create(mock);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task FinalResponseIsAssembledFromTheDeltasWhenTheTerminalEventCarriesNoOutput(Delivery delivery)
    {
        using var client = ClientAnswering(Deltas + Completed, delivery);
        var stream = client.Responses.CreateStreamingAsync(Request());

        var response = await stream.GetFinalResponseAsync();

        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(("resp_1", "completed", 1795253461L), (response.Id, response.Status, response.CreatedAt));
        Assert.Equal("Let me check.", response.Output![0].Content![0].Text);
        Assert.Equal(("function_call", "call_1", "get_weather", "{\"city\":\"Paris\"}"), (response.Output[1].Type, response.Output[1].CallId, response.Output[1].Name, response.Output[1].Arguments));
        Assert.Equal(17, response.Usage!.TotalTokens);
    }

    [Fact]
    public async Task DoneEventsReplaceWhatTheDeltasBuilt()
    {
        var body = Deltas +
            Event("response.output_text.done", "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"text\":\"Let me check now.\"") +
            Event("response.function_call_arguments.done", "\"item_id\":\"fc_1\",\"output_index\":1,\"arguments\":\"{\\\"city\\\":\\\"Lyon\\\"}\"") + Completed;
        using var client = ClientAnswering(body);

        var response = await client.Responses.CreateStreamingAsync(Request()).GetFinalResponseAsync();

        Assert.Equal("Let me check now.", response.Output![0].Content![0].Text);
        Assert.Equal("{\"city\":\"Lyon\"}", response.Output[1].Arguments);
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task ErrorEventEndsInATypedErrorCarryingWhatArrived(Delivery delivery)
    {
        using var client = ClientAnswering(Deltas + Event("error", "\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down.\",\"param\":null,\"sequence_number\":9"), delivery);
        var stream = client.Responses.CreateStreamingAsync(Request());

        var error = await Assert.ThrowsAsync<EzrouterStreamException>(async () => { await foreach (var _ in stream) { } });

        Assert.Equal(StreamOutcome.Error, stream.Outcome);
        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        Assert.Equal("Slow down.", error.Details.GatewayMessage);
        Assert.Equal("Let me check.", Assert.IsType<ModelResponse>(error.PartialResponse).Output![0].Content![0].Text);
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.GetFinalResponseAsync());
    }

    [Theory]
    [MemberData(nameof(Delivery.All), MemberType = typeof(Delivery))]
    public async Task StreamWithoutATerminalEventIsTruncated(Delivery delivery)
    {
        using var client = ClientAnswering(Deltas, delivery);
        var stream = client.Responses.CreateStreamingAsync(Request());

        var error = await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(async () => { await foreach (var _ in stream) { } });

        Assert.Equal(StreamOutcome.Truncated, stream.Outcome);
        Assert.Contains("before response.completed", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"city\":\"Paris\"}", Assert.IsType<ModelResponse>(error.PartialResponse).Output![1].Arguments);
    }

    [Fact]
    public async Task IncompleteResponseCompletesWithItsReason()
    {
        var body = Deltas + Event("response.incomplete", "\"response\":{\"id\":\"resp_1\",\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"output\":[]}");
        using var client = ClientAnswering(body);
        var stream = client.Responses.CreateStreamingAsync(Request());

        var response = await stream.GetFinalResponseAsync();

        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal("incomplete", response.Status);
        Assert.Equal("max_output_tokens", response.IncompleteDetails!.Reason);
        Assert.Equal("Let me check.", response.Output![0].Content![0].Text);
    }

    [Fact]
    public async Task EventNameStandsInForAMissingType()
    {
        var body = Deltas + "event: response.completed\ndata: {\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[]}}\n\n";
        using var client = ClientAnswering(body);
        var stream = client.Responses.CreateStreamingAsync(Request());

        await stream.GetFinalResponseAsync();

        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
    }

    [Fact]
    public async Task MalformedEventIsAProtocolError()
    {
        using var client = ClientAnswering(Event("response.created", Head) + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\n\n");
        var stream = client.Responses.CreateStreamingAsync(Request());

        await Assert.ThrowsAsync<EzrouterProtocolException>(async () => { await foreach (var _ in stream) { } });

        Assert.Equal(StreamOutcome.Error, stream.Outcome);
    }

    [Fact]
    public async Task JsonAnswerToAStreamRequestArrivesAsTheEventsThatRebuildIt()
    {
        const string json = "{\"id\":\"resp_2\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"id\":\"msg_2\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi!\"}]}]}";
        using var client = ClientAnswering(json, contentType: "application/json");
        var stream = client.Responses.CreateStreamingAsync(Request());
        var events = new List<ResponseStreamEvent>();

        await foreach (var e in stream) events.Add(e);

        Assert.Equal(["response.output_item.done", "response.completed"], events.Select(e => e.Type));
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal("Hi!", (await stream.GetFinalResponseAsync()).Output![0].Content![0].Text);
    }

    [Fact]
    public async Task FailedJsonResponseIsATypedErrorNotASuccess()
    {
        // A 200 response object with status failed: the error handler leaves it to ResponseFailure, which raises it typed
        // with the response kept.
        const string json = "{\"id\":\"resp_3\",\"object\":\"response\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"Upstream failed.\"},\"output\":[]}";
        using var client = ClientAnswering(json, contentType: "application/json");

        var error = await Assert.ThrowsAsync<EzrouterServerException>(() => client.Responses.CreateAsync(Request()));

        Assert.Equal("server_error", error.ErrorCode);
        Assert.Equal(200, error.StatusCode);
        // The failed response itself is kept, whatever its error code would map to as an envelope.
        var partial = Assert.IsType<ModelResponse>(error.PartialResponse);
        Assert.Equal("failed", partial.Status);
        Assert.Equal("resp_3", partial.Id);
    }

    [Fact]
    public async Task InputItemsAreSentWithTheirWireNames()
    {
        var mock = new MockHttpMessageHandler();
        string? sent = null;
        mock.When(HttpMethod.Post, Url).Respond(async request =>
        {
            sent = await request.Content!.ReadAsStringAsync();
            return TestClients.Json("{\"id\":\"resp_4\",\"status\":\"completed\",\"output\":[]}");
        });
        using var client = TestClients.Create(mock);
        var call = new ResponseOutputItem { Type = "function_call", Id = "fc_1", CallId = "call_1", Name = "get_weather", Arguments = "{}" };
        var request = new CreateResponseRequest
        {
            Model = "gpt-5.2",
            Input = new ResponseInput
            {
                ResponseInputItem =
                [
                    ResponseInputItems.MessageWithParts("user", "Weather?", "In Paris."),
                    ResponseInputItems.FunctionCall(call),
                    ResponseInputItems.FunctionCallOutput("call_1", "21 degrees"),
                ],
            },
        };

        await client.Responses.CreateAsync(request);

        Assert.Equal(
            "{\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Weather?\"},{\"type\":\"input_text\",\"text\":\"In Paris.\"}]}," +
            "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{}\"}," +
            "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"21 degrees\"}],\"model\":\"gpt-5.2\"}",
            sent);
    }

    [Fact]
    public async Task AnswerCapAppliesToResponsesToo()
    {
        var mock = new MockHttpMessageHandler();
        var oversized = Event("response.output_text.delta", $"\"output_index\":0,\"content_index\":0,\"delta\":\"{new string('x', 1500)}\"");
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(Deltas + oversized + Completed));
        using var client = TestClients.Create(mock, o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Responses.CreateStreamingAsync(Request()).GetFinalResponseAsync());

        Assert.Contains("MaxAnswerChars", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerCapCountsADoneTextThatRepeatsTheDeltasOnce()
    {
        // 600 characters of deltas, then the same 600 as output_text.done: the answer is 600 long, under the cap.
        var mock = new MockHttpMessageHandler();
        var text = new string('x', 600);
        var body = Event("response.output_text.delta", $"\"output_index\":0,\"content_index\":0,\"delta\":\"{text}\"")
            + Event("response.output_text.done", $"\"output_index\":0,\"content_index\":0,\"text\":\"{text}\"") + Completed;
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(body));
        using var client = TestClients.Create(mock, o => o.Limits.MaxAnswerChars = 1024);

        var response = await client.Responses.CreateStreamingAsync(Request()).GetFinalResponseAsync();

        Assert.Equal(text, response.Output![0].Content![0].Text);
    }

    [Theory]
    [InlineData("response.output_item.done", "\"output_index\":{0},\"item\":{{\"type\":\"message\",\"content\":[{{\"type\":\"output_text\",\"text\":\"{1}\"}}]}}")]
    [InlineData("response.content_part.done", "\"output_index\":{0},\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"text\":\"{1}\"}}")]
    [InlineData("response.output_item.done", "\"output_index\":{0},\"item\":{{\"type\":\"function_call\",\"arguments\":\"{1}\"}}")]
    public async Task AnswerCapCountsWholeItemsAndPartsNotOnlyDeltas(string type, string fields)
    {
        // Each event is small (under MaxEventBytes), but three of them add up past the cap.
        var mock = new MockHttpMessageHandler();
        var events = string.Concat(Enumerable.Range(0, 3).Select(i => Event(type, string.Format(System.Globalization.CultureInfo.InvariantCulture, fields, i, new string('x', 500)))));
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(events + Completed));
        using var client = TestClients.Create(mock, o => o.Limits.MaxAnswerChars = 1024);

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Responses.CreateStreamingAsync(Request()).GetFinalResponseAsync());

        Assert.Contains("MaxAnswerChars", error.Message, StringComparison.Ordinal);
    }
}
