using System.Net;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Responses;
using Ezrouter.Streaming;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Responses;

/// <summary>
/// The Responses client's own contract: arguments refused by name, the stream flag on the wire, an answer with no
/// body, and a JSON answer to a stream request read as the events that stand for it.
/// </summary>
public class ResponsesClientTests
{
    private const string Url = "https://www.ezrouter.dev/v1/responses";

    private static CreateResponseRequest Request() => new() { Model = "gpt-5.2", Input = new ResponseInput { String = "Hi" } };

    private static EzrouterClient ClientAnswering(Func<HttpResponseMessage> answer, Action<EzrouterClientOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => answer());
        return TestClients.Create(mock, configure);
    }

    private static async Task<List<string?>> EventTypesAsync(ResponseStream stream)
    {
        var types = new List<string?>();
        await foreach (var e in stream) types.Add(e.Type);
        return types;
    }

    [Fact]
    public async Task ANullRequestIsRefusedByNameOnBothCalls()
    {
        using var client = ClientAnswering(() => TestClients.Json("{}"));

        var whole = await Assert.ThrowsAsync<ArgumentNullException>(() => client.Responses.CreateAsync(null!));
        var stream = Assert.Throws<ArgumentNullException>(() => client.Responses.CreateStreamingAsync(null!));

        Assert.Equal(("request", "request"), (whole.ParamName, stream.ParamName));
    }

    [Fact]
    public async Task AStreamRequestIsSentWithStreamTrueAndTheCallersRequestIsLeftAsItWas()
    {
        var mock = new MockHttpMessageHandler();
        string? sent = null;
        mock.When(HttpMethod.Post, Url).Respond(async request =>
        {
            sent = await request.Content!.ReadAsStringAsync();
            return TestClients.Json("{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[]}");
        });
        using var client = TestClients.Create(mock);
        var request = Request();

        await client.Responses.CreateStreamingAsync(request).GetFinalResponseAsync();

        Assert.Contains("\"stream\":true", sent, StringComparison.Ordinal);
        Assert.Null(request.Stream);
    }

    [Fact]
    public async Task AnAnswerWithNoBodyIsAProtocolErrorThatSaysSo()
    {
        using var client = ClientAnswering(() => new HttpResponseMessage(HttpStatusCode.NoContent));

        var error = await Assert.ThrowsAsync<EzrouterProtocolException>(() => client.Responses.CreateAsync(Request()));

        Assert.Equal(204, error.StatusCode);
        Assert.Contains("the response had no body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonAnswerWithoutOutputToAStreamRequestIsOnlyItsTerminalEvent()
    {
        using var client = ClientAnswering(() => TestClients.Json("{\"id\":\"resp_1\",\"status\":\"completed\"}"));
        var stream = client.Responses.CreateStreamingAsync(Request());

        var types = await EventTypesAsync(stream);

        Assert.Equal(["response.completed"], types);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(("resp_1", "completed"), (stream.Accumulator.ToResponse().Id, stream.Accumulator.Status));
    }

    [Fact]
    public async Task AnIncompleteJsonAnswerToAStreamRequestEndsWithResponseIncomplete()
    {
        const string json = "{\"id\":\"resp_2\",\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},"
            + "\"output\":[{\"type\":\"message\",\"id\":\"msg_2\",\"content\":[{\"type\":\"output_text\",\"text\":\"Cut\"}]}]}";
        using var client = ClientAnswering(() => TestClients.Json(json));
        var stream = client.Responses.CreateStreamingAsync(Request());

        var types = await EventTypesAsync(stream);

        Assert.Equal(["response.output_item.done", "response.incomplete"], types);
        var response = await stream.GetFinalResponseAsync();
        Assert.Equal(("incomplete", "max_output_tokens", "Cut"), (response.Status, response.IncompleteDetails!.Reason, response.Output![0].Content![0].Text));
    }

    [Fact]
    public async Task AFailedJsonAnswerToAStreamRequestRedactsTheCallsOwnKey()
    {
        // A key shorter than the process-wide tracked keys: only the call's own secret can redact it. The body is a
        // response object ("object": "response"), so its error is the response's own and ResponseFailure raises it.
        const string key = "k3y-0a1b2c3";
        var json = "{\"id\":\"resp_3\",\"object\":\"response\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"bad key " + key + "\"},\"output\":[]}";
        using var client = ClientAnswering(() => TestClients.Json(json), o => o.ApiKey = key);

        var error = await Assert.ThrowsAsync<EzrouterServerException>(() => client.Responses.CreateStreamingAsync(Request()).GetFinalResponseAsync());

        Assert.Equal(("response.failed", "bad key [REDACTED]"), (error.ErrorType, error.GatewayMessage));
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }
}
