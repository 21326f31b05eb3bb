using System.Diagnostics;
using System.Text;
using Ezrouter.Diagnostics;
using Ezrouter.Generated.OpenAi.Models;
using Ezrouter.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using AnthropicMessage = Ezrouter.Generated.Anthropic.Models.Message;

namespace Ezrouter.Tests.Telemetry;

/// <summary>
/// The prompt and completion text a span carries when the caller opts in (CaptureMessageContent), part by part, in the
/// GenAI conventions' shapes: what an observability backend shows for each kind of message and block of both
/// surfaces, and what it never shows (images, the key).
/// </summary>
public sealed class GenAiContentTests
{
    private const string Secret = "sk-genai-content-secret-0123456789";
    private static readonly ClientDiagnostics Diagnostics = new(NullLoggerFactory.Instance, captureContent: true, Secret);

    private static Activity Input(string body)
    {
        var activity = new Activity("test");
        GenAiContent.AddInput(activity, Encoding.UTF8.GetBytes(body), Diagnostics);
        return activity;
    }

    [Fact]
    public void AnOpenAiConversationKeepsEveryRoleReasoningToolCallAndToolAnswer()
    {
        var activity = Input("""
            {"model":"m","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":[{"type":"text","text":"Look:"},{"type":"image_url","image_url":{"url":"data:x"}}]},
              {"role":"assistant","reasoning_content":"thinking it over","content":null,
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}},
                             {"id":"call_2","type":"function"}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}
            ]}
            """);

        Assert.Equal(
            """[{"role":"system","parts":[{"type":"text","content":"Be brief."}]},"""
            + """{"role":"user","parts":[{"type":"text","content":"Look:"},{"type":"image_url"}]},"""
            + """{"role":"assistant","parts":[{"type":"reasoning","content":"thinking it over"},"""
            + """{"type":"tool_call","id":"call_1","name":"weather","arguments":"{\u0022city\u0022:\u0022Paris\u0022}"},"""
            + """{"type":"tool_call","id":"call_2","name":null,"arguments":null}]},"""
            + """{"role":"tool","parts":[{"type":"tool_call_response","id":"call_1","response":"sunny"}]}]""",
            activity.GetTagItem("gen_ai.input.messages"));
        Assert.Null(activity.GetTagItem("gen_ai.system_instructions"));
    }

    [Fact]
    public void AnAnthropicRequestKeepsItsSystemPromptApartAndEachBlockByKind()
    {
        var activity = Input("""
            {"model":"m","system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Be kind."}],"messages":[
              {"role":"assistant","content":[{"type":"thinking","thinking":"hmm"},{"type":"tool_use","id":"tu_1","name":"weather","input":{"city":"Paris"}},
                {"type":"tool_use","id":"tu_2","name":"clock"}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"tu_1","content":[{"type":"text","text":"sunny"}]},
                {"type":"tool_result","tool_use_id":"tu_2"},{"type":"document","source":{}},{"text":"no type"},42,"loose"]},
              "not a message",
              {"content":"no role"}
            ]}
            """);

        Assert.Equal("""[{"type":"text","content":"Be brief."},{"type":"text","content":"Be kind."}]""", activity.GetTagItem("gen_ai.system_instructions"));
        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"reasoning","content":"hmm"},"""
            + """{"type":"tool_call","id":"tu_1","name":"weather","arguments":{"city":"Paris"}},"""
            + """{"type":"tool_call","id":"tu_2","name":"clock","arguments":null}]},"""
            + """{"role":"user","parts":[{"type":"tool_call_response","id":"tu_1","response":[{"type":"text","text":"sunny"}]},"""
            + """{"type":"tool_call_response","id":"tu_2","response":null},{"type":"document"},{"type":"unknown"}]},"""
            + """{"role":"assistant","parts":[{"type":"text","content":"no role"}]}]""",
            activity.GetTagItem("gen_ai.input.messages"));
    }

    [Fact]
    public void ASystemPromptThatIsNeitherTextNorBlocksIsAnEmptyList()
    {
        var activity = Input("""{"system":7,"messages":[{"role":"user","content":7}]}""");

        Assert.Equal("[]", activity.GetTagItem("gen_ai.system_instructions"));
        Assert.Equal("""[{"role":"user","parts":[]}]""", activity.GetTagItem("gen_ai.input.messages"));
    }

    [Theory]
    [InlineData("""[{"role":"user","content":"hi"}]""")]
    [InlineData("""{"messages":{"role":"user","content":"hi"}}""")]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"messages":[""")]
    [InlineData("")]
    public void ABodyWithoutAMessageListRecordsNoContentAndDoesNotFail(string body)
    {
        var activity = Input(body);

        Assert.Null(activity.GetTagItem("gen_ai.input.messages"));
        Assert.Null(activity.GetTagItem("gen_ai.system_instructions"));
    }

    [Fact]
    public void TheKeyIsTakenOutOfRecordedContent()
    {
        var activity = Input($$"""{"system":"my key is {{Secret}}","messages":[{"role":"user","content":"again {{Secret}}"}]}""");

        Assert.Equal("""[{"type":"text","content":"my key is [REDACTED]"}]""", activity.GetTagItem("gen_ai.system_instructions"));
        Assert.Equal("""[{"role":"user","parts":[{"type":"text","content":"again [REDACTED]"}]}]""", activity.GetTagItem("gen_ai.input.messages"));
    }

    [Fact]
    public void EachChatChoiceIsAnOutputMessageWithItsFinishReason()
    {
        var completion = KiotaJson.Parse(Encoding.UTF8.GetBytes("""
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[
              {"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"},
              {"index":1,"message":{"role":"assistant","content":"Lyon."}}
            ]}
            """), CreateChatCompletionResponse.CreateFromDiscriminatorValue);
        var activity = new Activity("test");

        GenAiContent.AddOutput(activity, completion, Diagnostics);

        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"text","content":"Paris."}],"finish_reason":"stop"},"""
            + """{"role":"assistant","parts":[{"type":"text","content":"Lyon."}]}]""",
            activity.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public void AChatCompletionWithoutChoicesRecordsNoOutput()
    {
        var completion = KiotaJson.Parse(Encoding.UTF8.GetBytes("""{"id":"c","object":"chat.completion","created":1,"model":"m"}"""),
            CreateChatCompletionResponse.CreateFromDiscriminatorValue);
        var activity = new Activity("test");

        GenAiContent.AddOutput(activity, completion, Diagnostics);

        Assert.Null(activity.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public void AnAnthropicMessageIsOneOutputMessageWithItsStopReason()
    {
        var message = KiotaJson.Parse(Encoding.UTF8.GetBytes("""
            {"id":"msg_1","type":"message","role":"assistant","model":"m","stop_reason":"tool_use","content":[
              {"type":"text","text":"Checking."},{"type":"tool_use","id":"tu_1","name":"weather","input":{"city":"Paris"}}],
             "usage":{"input_tokens":1,"output_tokens":2}}
            """), AnthropicMessage.CreateFromDiscriminatorValue);
        var activity = new Activity("test");

        GenAiContent.AddOutput(activity, message, Diagnostics);

        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"text","content":"Checking."},"""
            + """{"type":"tool_call","id":"tu_1","name":"weather","arguments":{"city":"Paris"}}],"finish_reason":"tool_use"}]""",
            activity.GetTagItem("gen_ai.output.messages"));
    }
}
