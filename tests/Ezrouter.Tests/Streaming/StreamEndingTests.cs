using System.Diagnostics;
using Ezrouter.Diagnostics;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// How a stream's end shows to the caller: a final result only from a stream read to its completion, a stream left
/// early stays ended, and a JSON answer to a stream request is held to being one readable object.
/// </summary>
public sealed class StreamEndingTests
{
    private const string Url = "https://www.ezrouter.dev/v1/chat/completions";

    private const string First =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";

    private const string Sse = First +
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: [DONE]\n\n";

    private const string Completion =
        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";

    private static EzrouterClient Answering(string body, string contentType = "text/event-stream", Action<EzrouterClientOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Response(body, contentType, "req-1"));
        return TestClients.Create(mock, configure);
    }

    private static EzrouterClient AnsweringBytes(byte[] body)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return response;
        });
        return TestClients.Create(mock);
    }

    [Fact]
    public void A_second_enumeration_is_refused_with_a_message_that_says_why()
    {
        using var client = TestClients.Create(new MockHttpMessageHandler());
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        _ = stream.GetAsyncEnumerator();

        var e = Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
        Assert.Equal("A stream can be enumerated once.", e.Message);
    }

    [Fact]
    public async Task A_final_result_of_a_stream_read_part_way_is_refused_as_partial()
    {
        using var client = Answering(Sse);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        await using (var enumerator = stream.GetAsyncEnumerator())
            Assert.True(await enumerator.MoveNextAsync());

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => stream.GetFinalCompletionAsync());
        Assert.StartsWith("The stream was enumerated part way and not finished", e.Message);
    }

    [Fact]
    public async Task A_final_result_of_a_truncated_stream_names_how_it_ended()
    {
        using var client = Answering(First);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        await Assert.ThrowsAsync<EzrouterStreamTruncatedException>(async () => { await foreach (var _ in stream) { } });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => stream.GetFinalCompletionAsync());
        Assert.Equal(StreamOutcome.Truncated, stream.Outcome);
        Assert.StartsWith("The stream ended Truncated, and the exception it raised carries the partial result", e.Message);
    }

    [Fact]
    public async Task A_stream_left_early_stays_ended()
    {
        using var client = Answering(Sse);
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        var enumerator = stream.GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());

        await enumerator.DisposeAsync();

        Assert.False(await enumerator.MoveNextAsync());
        Assert.Equal(StreamOutcome.Pending, stream.Outcome);
    }

    [Fact]
    public async Task A_completed_stream_stays_completed_when_moved_again()
    {
        using var client = Answering(Completion, "application/json");
        var stream = client.Chat.CompleteStreamingAsync(new() { Model = "m" });
        var enumerator = stream.GetAsyncEnumerator();
        var moves = new List<bool>();
        for (var i = 0; i < 4; i++) moves.Add(await enumerator.MoveNextAsync());

        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal([true, false, false, false], moves);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task An_answer_neither_sse_nor_json_is_a_protocol_error_naming_its_type()
    {
        using var client = Answering("\x89PNG", "image/png");

        var e = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(new() { Model = "m" }).GetFinalCompletionAsync());
        Assert.Contains("the answer to a stream request is image/png, neither SSE nor JSON", e.Message);
    }

    [Fact]
    public async Task A_json_answer_past_the_bound_is_a_protocol_error_naming_the_bound()
    {
        // Labelled text/plain: read as JSON, and bounded by the stream itself rather than by the JSON buffering layer.
        using var client = Answering(Completion.Replace("\"Hi\"", $"\"{new string('x', 5000)}\""), "text/plain", o => o.Limits.MaxAnswerChars = 1024);

        var e = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(new() { Model = "m" }).GetFinalCompletionAsync());
        Assert.Contains("the JSON answer to a stream request is longer than 4096 bytes, the bound EzrouterLimits.MaxAnswerChars sets", e.Message);
    }

    [Fact]
    public async Task A_json_answer_with_a_wrongly_typed_field_names_the_field()
    {
        using var client = Answering(Completion.Replace("\"created\":1", "\"created\":\"soon\""), "application/json");

        var e = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(new() { Model = "m" }).GetFinalCompletionAsync());
        Assert.Contains("the JSON answer to a stream request is not readable: created", e.Message);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
    }

    [Fact]
    public async Task A_json_answer_with_invalid_utf8_in_a_string_is_a_protocol_error()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Completion.Replace("\"Hi\"", "\"H#\""));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        using var client = AnsweringBytes(bytes);

        var e = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Chat.CompleteStreamingAsync(new() { Model = "m" }).GetFinalCompletionAsync());
        Assert.Contains("the JSON answer to a stream request is not readable: ", e.Message);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public async Task A_json_answer_to_a_stream_request_records_its_time_to_first_chunk()
    {
        const string model = "json-answer-first-chunk";
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EzrouterTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (Equals(a.GetTagItem("gen_ai.request.model"), model)) lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = Answering(Completion, "application/json");

        await client.Chat.CompleteStreamingAsync(new() { Model = model }).GetFinalCompletionAsync();

        var span = Assert.Single(spans);
        Assert.IsType<double>(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
    }
}
