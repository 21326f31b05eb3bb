using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Responses;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Tests.Responses;

/// <summary>
/// The input item builders: the wire fields each puts in the item, and the arguments each refuses by name before
/// anything is sent. (ResponseStreamingTests checks that items built here serialize as given.)
/// </summary>
public class ResponseInputItemsTests
{
    [Theory]
    [InlineData("user")]
    [InlineData("assistant")]
    [InlineData("developer")]
    public void AMessageCarriesItsRoleAndTextAsStrings(string role)
    {
        var item = ResponseInputItems.Message(role, "Hello");

        Assert.Equal([("content", (object)"Hello"), ("role", role)], item.AdditionalData.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void UserAndAssistantAreMessagesWithThoseRoles()
    {
        Assert.Equal(("user", "Question"), ((string)ResponseInputItems.User("Question").AdditionalData["role"], (string)ResponseInputItems.User("Question").AdditionalData["content"]));
        Assert.Equal(("assistant", "Answer"), ((string)ResponseInputItems.Assistant("Answer").AdditionalData["role"], (string)ResponseInputItems.Assistant("Answer").AdditionalData["content"]));
    }

    [Fact]
    public void AMessageRefusesAMissingRoleOrText()
    {
        Assert.Equal("role", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.Message(null!, "x")).ParamName);
        Assert.Equal("role", Assert.Throws<ArgumentException>(() => ResponseInputItems.Message("", "x")).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.Message("user", null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.User(null!)).ParamName);
    }

    [Fact]
    public void AMessageWithPartsRefusesAMissingRoleTheTextsOrAnyNullText()
    {
        Assert.Equal("role", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.MessageWithParts(null!, "x")).ParamName);
        Assert.Equal("role", Assert.Throws<ArgumentException>(() => ResponseInputItems.MessageWithParts("", "x")).ParamName);
        Assert.Equal("texts", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.MessageWithParts("user", (IEnumerable<string>)null!)).ParamName);
        var nullText = Assert.Throws<ArgumentException>(() => ResponseInputItems.MessageWithParts("user", "a", null!));
        Assert.Equal("texts", nullText.ParamName);
        Assert.StartsWith("A part's text is null.", nullText.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFunctionCallWithoutArgumentsIsReplayedWithAnEmptyObject()
    {
        var item = ResponseInputItems.FunctionCall(new ResponseOutputItem { Type = "function_call", CallId = "call_1", Name = "now" });

        Assert.Equal(("function_call", "call_1", "now", "{}"),
            ((string)item.AdditionalData["type"], (string)item.AdditionalData["call_id"], (string)item.AdditionalData["name"], (string)item.AdditionalData["arguments"]));
        Assert.False(item.AdditionalData.ContainsKey("id"));
    }

    [Fact]
    public void AFunctionCallKeepsTheArgumentsItHas()
    {
        var item = ResponseInputItems.FunctionCall(new ResponseOutputItem { Type = "function_call", CallId = "call_1", Arguments = "{\"a\":1}" });

        Assert.Equal("{\"a\":1}", item.AdditionalData["arguments"]);
    }

    [Theory]
    [InlineData("message", "The item is a message, not a function_call.")]
    [InlineData(null, "The item is a null, not a function_call.")]
    public void AFunctionCallRefusesAnItemOfAnotherTypeSayingWhichItIs(string? type, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ResponseInputItems.FunctionCall(new ResponseOutputItem { Type = type }));

        Assert.Equal("call", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFunctionCallRefusesNoCall()
    {
        Assert.Equal("call", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.FunctionCall(null!)).ParamName);
    }

    [Fact]
    public void AFunctionCallOutputRefusesAMissingCallIdOrOutput()
    {
        Assert.Equal("callId", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.FunctionCallOutput(null!, "x")).ParamName);
        Assert.Equal("callId", Assert.Throws<ArgumentException>(() => ResponseInputItems.FunctionCallOutput("", "x")).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => ResponseInputItems.FunctionCallOutput("call_1", null!)).ParamName);
    }

    [Fact]
    public void AMessageWithPartsPutsOneInputTextPartPerText()
    {
        var item = ResponseInputItems.MessageWithParts("user", "a", "b");

        var parts = Assert.IsType<UntypedArray>(item.AdditionalData["content"]).GetValue();
        Assert.Equal(["a", "b"], parts.Select(p => ((UntypedString)((UntypedObject)p).GetValue()["text"]).GetValue()));
        Assert.All(parts, p => Assert.Equal("input_text", ((UntypedString)((UntypedObject)p).GetValue()["type"]).GetValue()));
    }
}
