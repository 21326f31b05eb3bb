using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Messages;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Tests.Messages;

/// <summary>
/// <see cref="MessageAccumulator"/> used on its own, with events a gateway may send that the recorded streams do not
/// have: content already in <c>message_start</c>, a start without usage, deltas for a block whose start never came,
/// and citations both in the start block and in deltas.
/// </summary>
public sealed class MessageAccumulatorTests
{
    private static MessageStreamEvent Start(Message message) =>
        new() { MessageStartEvent = new MessageStartEvent { Type = "message_start", Message = message } };

    private static MessageStreamEvent BlockStart(int index, ContentBlock block) =>
        new() { ContentBlockStartEvent = new ContentBlockStartEvent { Type = "content_block_start", Index = index, ContentBlock = block } };

    private static MessageStreamEvent Delta(int index, ContentBlockDelta delta) =>
        new() { ContentBlockDeltaEvent = new ContentBlockDeltaEvent { Type = "content_block_delta", Index = index, Delta = delta } };

    private static UntypedObject Citation(string text) => new(new Dictionary<string, UntypedNode> { ["cited_text"] = new UntypedString(text) });

    private static List<string?> CitedTexts(UntypedNode? citations) =>
        Assert.IsType<UntypedArray>(citations).GetValue()
            .Select(c => ((UntypedString)((UntypedObject)c).GetValue()["cited_text"]).GetValue()).ToList();

    [Fact]
    public void ContentAlreadyInMessageStartIsKeptAndExtendedByDeltas()
    {
        var accumulator = new MessageAccumulator();

        accumulator.Add(Start(new Message
        {
            Id = "msg_1",
            Content = [new ContentBlock { TextBlock = new TextBlock { Type = "text", Text = "Hello" } }, new ContentBlock { TextBlock = new TextBlock { Type = "text", Text = "Bye" } }],
        }));
        accumulator.Add(Delta(0, new ContentBlockDelta { TextDelta = new TextDelta { Type = "text_delta", Text = ", world" } }));
        var message = accumulator.ToMessage();

        Assert.Equal(["Hello, world", "Bye"], message.Content!.Select(b => b.TextBlock!.Text));
        Assert.Equal("msg_1", message.Id);
    }

    [Fact]
    public void AMessageStartWithoutUsageLeavesTheUsageEmpty()
    {
        var accumulator = new MessageAccumulator();

        accumulator.Add(Start(new Message { Id = "msg_1", Usage = null }));
        var usage = accumulator.ToMessage().Usage!;

        Assert.Equal(1, accumulator.EventCount);
        Assert.Null(usage.InputTokens);
        Assert.Null(usage.OutputTokens);
    }

    [Fact]
    public void WithoutMessageStartTheMessageIsAnAssistantMessage()
    {
        var accumulator = new MessageAccumulator();

        accumulator.Add(Delta(0, new ContentBlockDelta { TextDelta = new TextDelta { Type = "text_delta", Text = "Hi" } }));
        var message = accumulator.ToMessage();

        Assert.Equal("message", message.Type);
        Assert.Equal("assistant", message.Role);
    }

    [Fact]
    public void DeltasForABlockNeverStartedMakeTheBlockTheirTypeImplies()
    {
        var accumulator = new MessageAccumulator();

        accumulator.Add(Delta(0, new ContentBlockDelta { ThinkingDelta = new ThinkingDelta { Type = "thinking_delta", Thinking = "Hmm." } }));
        accumulator.Add(Delta(1, new ContentBlockDelta { SignatureDelta = new SignatureDelta { Type = "signature_delta", Signature = "sig-1" } }));
        accumulator.Add(Delta(2, new ContentBlockDelta { InputJsonDelta = new InputJsonDelta { Type = "input_json_delta", PartialJson = "{\"city\":\"Paris\"}" } }));
        accumulator.Add(Delta(3, new ContentBlockDelta { TextDelta = new TextDelta { Type = "text_delta", Text = "Sunny." } }));
        var content = accumulator.ToMessage().Content!;

        Assert.Equal(("thinking", "Hmm.", null), (content[0].ThinkingBlock!.Type, content[0].ThinkingBlock!.Thinking, content[0].ThinkingBlock!.Signature));
        Assert.Equal(("thinking", "", "sig-1"), (content[1].ThinkingBlock!.Type, content[1].ThinkingBlock!.Thinking, content[1].ThinkingBlock!.Signature));
        var tool = content[2].ToolUseBlock!;
        Assert.Equal("tool_use", tool.Type);
        Assert.Equal("Paris", ((UntypedString)Assert.IsType<UntypedObject>(tool.Input).GetValue()["city"]).GetValue());
        Assert.Equal(("text", "Sunny."), (content[3].TextBlock!.Type, content[3].TextBlock!.Text));
    }

    [Fact]
    public void CitationsOfTheStartBlockComeBeforeThoseOfItsDeltas()
    {
        var accumulator = new MessageAccumulator();
        var block = new ContentBlock { TextBlock = new TextBlock { Type = "text", Text = "", Citations = new UntypedArray([Citation("first")]) } };

        accumulator.Add(BlockStart(0, block));
        accumulator.Add(Delta(0, new ContentBlockDelta { CitationsDelta = new CitationsDelta { Type = "citations_delta", Citation = Citation("second") } }));

        Assert.Equal(["first", "second"], CitedTexts(accumulator.ToMessage().Content![0].TextBlock!.Citations));
    }
}
