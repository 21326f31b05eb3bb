using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Responses;
using Ezrouter.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Responses;

/// <summary>
/// How a Responses API stream's failures read: the event they are about is counted from 1, an error event's summary
/// names its code, an envelope nested in an error event is read as the error, and a failure before any event carries
/// no partial response.
/// </summary>
public sealed class ResponseStreamErrorTests
{
    private const string Url = "https://www.ezrouter.dev/v1/responses";

    private static CreateResponseRequest Request() => new() { Model = "m", Input = new ResponseInput { String = "Hi" } };

    private static string Event(string type, string json) => $"event: {type}\ndata: {{\"type\":\"{type}\",{json}}}\n\n";

    private const string Created = "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}\n\n";

    private static async Task<TException> FailsAsync<TException>(string body)
        where TException : Exception
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => TestClients.Sse(body));
        using var client = TestClients.Create(mock);
        var stream = client.Responses.CreateStreamingAsync(Request());
        return await Assert.ThrowsAsync<TException>(async () => { await foreach (var _ in stream) { } });
    }

    [Fact]
    public async Task A_malformed_event_is_named_by_its_number()
    {
        var error = await FailsAsync<EzrouterProtocolException>(Created + Created + "data: {\"type\":\"response.output_text.delta\",\"delta\":\n\n");

        Assert.Contains("stream event 3 is malformed (", error.Message);
        Assert.Contains("): {\"type\":\"response.output_text.delta\"", error.Message);
    }

    [Fact]
    public async Task An_error_event_summary_names_its_code()
    {
        var error = await FailsAsync<EzrouterStreamException>(Created + Event("error", "\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down.\""));

        Assert.Contains("the stream ended with error (rate_limit_exceeded)", error.Message);
        Assert.NotNull(error.PartialResponse);
    }

    [Fact]
    public async Task An_error_event_without_a_code_says_only_how_it_ended()
    {
        var error = await FailsAsync<EzrouterStreamException>(Created + Event("error", "\"message\":\"Slow down.\""));

        Assert.Contains("the stream ended with error", error.Message);
        Assert.DoesNotContain("the stream ended with error (", error.Message);
        Assert.Equal("Slow down.", error.Details.GatewayMessage);
    }

    [Fact]
    public async Task An_error_event_with_a_code_but_no_message_is_read_from_its_fields()
    {
        var error = await FailsAsync<EzrouterStreamException>(Created + Event("error", "\"code\":\"overloaded\",\"error\":{\"message\":\"nested\",\"type\":\"server_error\"}"));

        Assert.Equal("overloaded", error.ErrorCode);
        Assert.Null(error.Details.GatewayMessage);
    }

    [Fact]
    public async Task An_envelope_nested_in_an_error_event_is_the_error()
    {
        var error = await FailsAsync<EzrouterStreamException>(Event("error", "\"error\":{\"message\":\"nested trouble\",\"type\":\"server_error\",\"code\":\"boom\"}"));

        Assert.Contains("nested trouble", error.Message);
        Assert.Equal("boom", error.ErrorCode);
    }

    [Fact]
    public async Task A_failure_before_any_event_carries_no_partial_response()
    {
        var error = await FailsAsync<EzrouterStreamException>(Event("error", "\"code\":\"c\",\"message\":\"m\""));

        Assert.Null(error.PartialResponse);
    }
}
