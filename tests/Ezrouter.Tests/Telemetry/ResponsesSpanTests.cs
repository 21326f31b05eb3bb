using Ezrouter.Generated.OpenAi.Models;
using static Ezrouter.Tests.Telemetry.TelemetryHarness;

namespace Ezrouter.Tests.Telemetry;

/// <summary>A Responses API call, whole or streamed, says on its span and metrics what a chat completion says.</summary>
public sealed class ResponsesSpanTests
{
    private static CreateResponseRequest Request(string input) =>
        new() { Model = "claude-sonnet-4-6", Input = new ResponseInput { String = input } };

    [Fact]
    public async Task A_whole_response_records_its_model_id_status_and_usage()
    {
        await using var harness = await StartAsync();

        var response = await harness.Client.Responses.CreateAsync(Request("Hello!"));

        var span = harness.SingleSpan();
        Assert.Equal("chat claude-sonnet-4-6", span.DisplayName);
        Assert.Equal("claude-sonnet-4-6", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("resp_01Hq3vN7mZcR2sKdY8pWfT4d", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(response.Value.Id, span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(new[] { "completed" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(14, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(11, span.GetTagItem("gen_ai.usage.output_tokens"));

        var points = harness.Points();
        var input = Assert.Single(points, p => p.Name == "gen_ai.client.token.usage" && (string?)p.Tags["gen_ai.token.type"] == "input");
        var output = Assert.Single(points, p => p.Name == "gen_ai.client.token.usage" && (string?)p.Tags["gen_ai.token.type"] == "output");
        Assert.Equal(14, input.Sum);
        Assert.Equal(11, output.Sum);
        Assert.Equal("claude-sonnet-4-6", output.Tags["gen_ai.response.model"]);
    }

    [Fact]
    public async Task A_streamed_response_records_what_its_terminal_event_said()
    {
        await using var harness = await StartAsync();
        var stream = harness.Client.Responses.CreateStreamingAsync(Request("Count to five."));

        var final = await stream.GetFinalResponseAsync();

        var span = harness.SingleSpan();
        Assert.Equal("completed", span.GetTagItem("ezrouter.stream.outcome"));
        Assert.Equal(final.Id, span.GetTagItem("gen_ai.response.id"));
        Assert.NotNull(final.Id);
        Assert.Equal(new[] { "completed" }, span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(final.Usage!.InputTokens, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(final.Usage!.OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.True(final.Usage.OutputTokens > 0);
        Assert.NotNull(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
    }
}
