using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Responses;

namespace Ezrouter.Tests.Responses;

/// <summary>
/// The accumulator on its own, fed events as a caller holding parsed events would: which lifecycle response wins each
/// field, where an event without an index lands, and what an item built only from events is said to be.
/// </summary>
public class ResponseAccumulatorTests
{
    private static ResponseAccumulator Fed(params ResponseStreamEvent[] events)
    {
        var accumulator = new ResponseAccumulator();
        foreach (var e in events) accumulator.Add(e);
        return accumulator;
    }

    private static ResponseStreamEvent Lifecycle(string type, string? id = null, string? status = null, long? createdAt = null, string? model = null) =>
        new() { Type = type, Response = new ModelResponse { Id = id, Status = status, CreatedAt = createdAt, Model = model } };

    private static ResponseStreamEvent Added(int index, ResponseOutputItem item) =>
        new() { Type = "response.output_item.added", OutputIndex = index, Item = item };

    private static ResponseStreamEvent TextDelta(string delta, int? outputIndex, int? contentIndex) =>
        new() { Type = "response.output_text.delta", OutputIndex = outputIndex, ContentIndex = contentIndex, Delta = delta };

    private static ResponseStreamEvent ArgumentsDelta(string delta, int? outputIndex) =>
        new() { Type = "response.function_call_arguments.delta", OutputIndex = outputIndex, Delta = delta };

    [Fact]
    public void ANullEventIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ResponseAccumulator().Add(null!));

        Assert.Equal("streamEvent", error.ParamName);
    }

    [Fact]
    public void EveryEventIsCountedEvenOnesItDoesNotFold()
    {
        var accumulator = Fed(
            Lifecycle("response.created", "resp_1", "in_progress"),
            new ResponseStreamEvent { Type = "response.reasoning_summary_text.delta", Delta = "hmm" },
            TextDelta("Hi", 0, 0));

        Assert.Equal(3, accumulator.EventCount);
    }

    [Fact]
    public void NothingAddedIsAnEmptyResponseObjectWithNoStatus()
    {
        var accumulator = new ResponseAccumulator();

        var response = accumulator.ToResponse();

        Assert.Null(accumulator.Status);
        Assert.False(accumulator.IsComplete);
        Assert.Equal(("response", null, null), (response.Object, response.Id, response.Status));
        Assert.Empty(response.Output!);
    }

    [Theory]
    [InlineData("response.created", "in_progress")]
    [InlineData("response.in_progress", "in_progress")]
    [InlineData("response.queued", "queued")]
    public void EachLifecycleEventBeforeTheEndGivesTheResponseSoFar(string type, string status)
    {
        var accumulator = Fed(Lifecycle(type, "resp_1", status, 1795253461, "gpt-5.2"));

        var response = accumulator.ToResponse();

        Assert.Equal(status, accumulator.Status);
        Assert.False(accumulator.IsComplete);
        Assert.Equal(("resp_1", status, 1795253461L, "gpt-5.2"), (response.Id, response.Status, response.CreatedAt, response.Model));
    }

    [Fact]
    public void TheTerminalResponseWinsOverTheFirstOneField()
    {
        var accumulator = Fed(
            Lifecycle("response.created", "resp_head", "in_progress", 100, "model-head"),
            Lifecycle("response.completed", "resp_final", "completed", 200, "model-final"));

        var response = accumulator.ToResponse();

        Assert.Equal("completed", accumulator.Status);
        Assert.Equal(("resp_final", "completed", 200L, "model-final"), (response.Id, response.Status, response.CreatedAt, response.Model));
    }

    [Fact]
    public void FieldsTheTerminalResponseLeavesOutComeFromTheFirstOne()
    {
        var accumulator = Fed(
            Lifecycle("response.created", "resp_head", "in_progress", 100, "model-head"),
            Lifecycle("response.completed", status: "completed"));

        var response = accumulator.ToResponse();

        Assert.Equal(("resp_head", "completed", 100L, "model-head"), (response.Id, response.Status, response.CreatedAt, response.Model));
    }

    [Fact]
    public void TheObjectTheGatewayNamedIsKept()
    {
        var accumulator = Fed(new ResponseStreamEvent { Type = "response.completed", Response = new ModelResponse { Object = "response.v2", Status = "completed" } });

        Assert.Equal("response.v2", accumulator.ToResponse().Object);
    }

    [Theory]
    [InlineData("response.completed", "completed")]
    [InlineData("response.incomplete", "incomplete")]
    [InlineData("response.failed", "failed")]
    public void ATerminalEventWithoutItsResponseStillEndsWithTheStatusItsTypeNames(string type, string status)
    {
        var accumulator = Fed(Lifecycle("response.created", "resp_1", "in_progress"), TextDelta("Hi", 0, 0), new ResponseStreamEvent { Type = type });

        var response = accumulator.ToResponse();

        Assert.True(accumulator.IsComplete);
        Assert.Equal(status, accumulator.Status);
        Assert.Equal(("resp_1", status, "Hi"), (response.Id, response.Status, response.Output![0].Content![0].Text));
    }

    [Fact]
    public void ADeltaWithoutAnOutputIndexGoesToTheLastItem()
    {
        var accumulator = Fed(
            Added(0, new ResponseOutputItem { Type = "message", Id = "msg_1" }),
            Added(1, new ResponseOutputItem { Type = "function_call", Id = "fc_1" }),
            ArgumentsDelta("{\"city\":\"Paris\"}", outputIndex: null));

        var output = accumulator.ToResponse().Output!;

        Assert.Equal([null, "{\"city\":\"Paris\"}"], output.Select(item => item.Arguments));
    }

    [Fact]
    public void ADeltaWithoutAnOutputIndexBeforeAnyItemStartsItemZero()
    {
        var accumulator = Fed(TextDelta("Hi", outputIndex: null, contentIndex: null), TextDelta(" there", 0, 0));

        var item = Assert.Single(accumulator.ToResponse().Output!);

        Assert.Equal("Hi there", Assert.Single(item.Content!).Text);
    }

    [Fact]
    public void ADeltaWithoutAContentIndexGoesToTheLastPartAndOneWithItToItsOwn()
    {
        var accumulator = Fed(
            TextDelta("first", 0, 0),
            TextDelta("second", 0, 1),
            TextDelta(" more", 0, contentIndex: null),
            TextDelta(" again", 0, 0));

        var parts = Assert.Single(accumulator.ToResponse().Output!).Content!;

        Assert.Equal(["first again", "second more"], parts.Select(part => part.Text));
    }

    [Fact]
    public void ADeltaWithNoTextChangesNothing()
    {
        var accumulator = Fed(TextDelta("Hi", 0, 0), new ResponseStreamEvent { Type = "response.output_text.delta", OutputIndex = 0, ContentIndex = 0 });

        Assert.Equal("Hi", accumulator.ToResponse().Output![0].Content![0].Text);
        Assert.Equal(2, accumulator.EventCount);
    }
}
