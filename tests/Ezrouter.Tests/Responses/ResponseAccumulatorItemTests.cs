using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Responses;

namespace Ezrouter.Tests.Responses;

/// <summary>
/// The items the accumulator builds: what an item built only from deltas is said to be, what an <c>added</c> item keeps
/// when no delta follows, and which events replace rather than add to it.
/// </summary>
public class ResponseAccumulatorItemTests
{
    private static ResponseOutputItem OnlyItem(params ResponseStreamEvent[] events)
    {
        var accumulator = new ResponseAccumulator();
        foreach (var e in events) accumulator.Add(e);
        return Assert.Single(accumulator.ToResponse().Output!);
    }

    private static ResponseStreamEvent ItemEvent(string type, ResponseOutputItem item) => new() { Type = type, OutputIndex = 0, Item = item };

    private static ResponseStreamEvent TextDelta(string delta) =>
        new() { Type = "response.output_text.delta", OutputIndex = 0, ContentIndex = 0, Delta = delta };

    private static ResponseStreamEvent ArgumentsDelta(string delta) =>
        new() { Type = "response.function_call_arguments.delta", OutputIndex = 0, Delta = delta };

    [Fact]
    public void AnItemBuiltFromTextDeltasAloneIsAMessageOfOutputText()
    {
        var item = OnlyItem(TextDelta("Hi"), TextDelta(" there"));

        Assert.Equal("message", item.Type);
        var part = Assert.Single(item.Content!);
        Assert.Equal(("output_text", "Hi there"), (part.Type, part.Text));
    }

    [Fact]
    public void AnItemBuiltFromArgumentDeltasAloneIsAFunctionCall()
    {
        var item = OnlyItem(ArgumentsDelta("{\"a\":"), ArgumentsDelta("1}"));

        Assert.Equal(("function_call", "{\"a\":1}"), (item.Type, item.Arguments));
        Assert.Null(item.Content);
    }

    [Fact]
    public void AnItemWithNoTypeNoTextAndNoArgumentsIsNotGivenAType()
    {
        var item = OnlyItem(ItemEvent("response.output_item.added", new ResponseOutputItem { Id = "item_1" }));

        Assert.Equal(("item_1", null), (item.Id, item.Type));
    }

    [Fact]
    public void TheTypeTheGatewayGaveWinsOverTheGuessFromItsParts()
    {
        var reasoning = ItemEvent("response.output_item.added", new ResponseOutputItem { Type = "reasoning", Id = "rs_1" });

        var item = OnlyItem(reasoning, TextDelta("thinking"));

        Assert.Equal("reasoning", item.Type);
    }

    [Fact]
    public void AnAddedItemKeepsItsArgumentsAndContentWhenNoDeltaFollows()
    {
        var call = ItemEvent("response.output_item.added", new ResponseOutputItem { Type = "function_call", Arguments = "{\"a\":1}" });
        var message = ItemEvent("response.output_item.added", new ResponseOutputItem
        {
            Type = "message",
            Content = [new ResponseOutputContent { Type = "output_text", Text = "Hello" }],
        });

        Assert.Equal("{\"a\":1}", OnlyItem(call).Arguments);
        Assert.Equal("Hello", Assert.Single(OnlyItem(message).Content!).Text);
    }

    [Fact]
    public void AnAddedItemsArgumentsAreNotPrefixedToTheDeltasThatFollow()
    {
        // output_item.added is the item as it starts, not whole: only .done replaces what the deltas built.
        var added = ItemEvent("response.output_item.added", new ResponseOutputItem { Type = "function_call", Arguments = "{}" });

        var item = OnlyItem(added, ArgumentsDelta("{\"a\":1}"));

        Assert.Equal("{\"a\":1}", item.Arguments);
    }

    [Fact]
    public void ADoneItemReplacesWhatTheDeltasBuilt()
    {
        var done = ItemEvent("response.output_item.done", new ResponseOutputItem { Type = "function_call", Arguments = "{\"a\":2}" });

        var item = OnlyItem(ArgumentsDelta("{\"a\":"), done);

        Assert.Equal("{\"a\":2}", item.Arguments);
    }

    [Theory]
    [InlineData("response.content_part.added")]
    [InlineData("response.content_part.done")]
    public void AContentPartEventSetsThePartsTypeAndFields(string type)
    {
        var refusal = new ResponseStreamEvent
        {
            Type = type, OutputIndex = 0, ContentIndex = 0,
            Part = new ResponseOutputContent { Type = "refusal", Refusal = "I can't help with that." },
        };

        var part = Assert.Single(OnlyItem(refusal).Content!);

        Assert.Equal(("refusal", "I can't help with that."), (part.Type, part.Refusal));
    }
}
