using System.Text.Json;

namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// A folder of Responses API cassettes the embedded set lacks, for <c>recorded-gateway --cassettes</c>: reasoning
/// summary, text and a function call, streamed and as JSON; a stream cut off before its terminal event.
/// </summary>
public sealed class ResponsesCassettes : IDisposable
{
    private const string Reasoning = """{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"The user wants Paris weather."}]}""";
    private const string Message = """{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Let me check.","annotations":[]}]}""";
    private const string Call = """{"type":"function_call","id":"fc_1","status":"completed","call_id":"call_1","name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"}""";
    private const string Usage = """{"input_tokens":20,"input_tokens_details":{"cached_tokens":0},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":29}""";

    public ResponsesCassettes()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ezrouter-cli-responses-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var whole = Response("completed", $"[{Reasoning},{Message},{Call}]", Usage);
        Write("cli-responses-reasoning-json", "responses-reasoning-json", "application/json", whole);
        Write("cli-responses-reasoning-stream", "responses-reasoning-stream", "text/event-stream",
            Event("response.created", $$"""{"response":{{Response("in_progress", "[]", "null")}}}"""),
            Event("response.output_item.added", """{"output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[]}}"""),
            Event("response.reasoning_summary_text.delta", """{"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"The user wants "}"""),
            Event("response.reasoning_summary_text.delta", """{"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Paris weather."}"""),
            Event("response.output_item.done", $$"""{"output_index":0,"item":{{Reasoning}}}"""),
            Event("response.output_item.added", """{"output_index":1,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}}"""),
            Event("response.output_text.delta", """{"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Let me "}"""),
            Event("response.output_text.delta", """{"item_id":"msg_1","output_index":1,"content_index":0,"delta":"check."}"""),
            Event("response.output_item.done", $$"""{"output_index":1,"item":{{Message}}}"""),
            Event("response.output_item.added", """{"output_index":2,"item":{"type":"function_call","id":"fc_1","status":"in_progress","call_id":"call_1","name":"get_weather","arguments":""}}"""),
            Event("response.function_call_arguments.delta", """{"item_id":"fc_1","output_index":2,"delta":"{\"location\":"}"""),
            Event("response.function_call_arguments.delta", """{"item_id":"fc_1","output_index":2,"delta":"\"Paris, France\"}"}"""),
            Event("response.output_item.done", $$"""{"output_index":2,"item":{{Call}}}"""),
            Event("response.completed", $$"""{"response":{{whole}}}"""));
        Write("cli-responses-truncated", "responses-truncated", "text/event-stream",
            Event("response.created", $$"""{"response":{{Response("in_progress", "[]", "null")}}}"""),
            Event("response.output_item.added", """{"output_index":0,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}}"""),
            Event("response.output_text.delta", """{"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Half an ans"}"""));
    }

    public string Folder { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Response(string status, string output, string usage) =>
        $$"""{"id":"resp_cli","object":"response","created_at":1795253461,"status":"{{status}}","error":null,"incomplete_details":null,"model":"cli-test","output":{{output}},"usage":{{usage}}}""";

    private static string Event(string type, string fields) => $"event: {type}\ndata: {{\"type\":\"{type}\",{fields[1..]}\n\n";

    private void Write(string name, string model, string contentType, params string[] bodyOrFrames)
    {
        var response = new Dictionary<string, object>
        {
            ["status"] = 200,
            ["headers"] = new Dictionary<string, string> { ["Content-Type"] = contentType, ["X-Oneapi-Request-Id"] = "20261121000000000000000CliResp1" },
        };
        if (contentType == "application/json") response["body"] = bodyOrFrames[0];
        else response["frames"] = bodyOrFrames.Select(data => new Dictionary<string, object> { ["data"] = data, ["delay_ms"] = 0 }).ToList();
        var cassette = new Dictionary<string, object>
        {
            ["name"] = name,
            ["description"] = "A CLI test response.",
            ["source"] = new Dictionary<string, string> { ["kind"] = "authored", ["from"] = "tests/Ezrouter.Cli.Tests", ["date"] = "2026-12-03" },
            ["interactions"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["request"] = new Dictionary<string, object> { ["method"] = "POST", ["path"] = "/v1/responses", ["body"] = new Dictionary<string, object> { ["model"] = model } },
                    ["response"] = response,
                },
            },
        };
        File.WriteAllText(Path.Combine(Folder, name + ".json"), JsonSerializer.Serialize(cassette));
    }
}

/// <summary>A recorded-gateway process serving <see cref="ResponsesCassettes"/> beside the embedded ones.</summary>
public sealed class ResponsesGatewayFixture : GatewayProcessFixture
{
    public ResponsesGatewayFixture() : this(new ResponsesCassettes())
    {
    }

    private ResponsesGatewayFixture(ResponsesCassettes cassettes) : base(cassettes.Folder, cassettes)
    {
    }
}
