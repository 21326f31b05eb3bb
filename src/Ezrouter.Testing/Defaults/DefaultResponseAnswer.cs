using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Ezrouter.Testing.Defaults;

/// <summary>
/// The stand-in Responses API answer (docs/gateway-behavior.md §22): a <c>response</c> JSON when <c>stream</c> is
/// false or absent (cassette <c>responses-whole</c>), or its named-event stream when true (cassette
/// <c>responses-stream</c>): <c>event: &lt;type&gt;</c> then <c>data:</c> with the same <c>type</c>, no <c>[DONE]</c>,
/// ending at <c>response.completed</c> with the whole response and its usage.
/// </summary>
internal static class DefaultResponseAnswer
{
    /// <summary>The <c>X-Cassette</c> name of the JSON answer.</summary>
    public const string Name = "default-response";

    /// <summary>The <c>X-Cassette</c> name of the event-stream answer.</summary>
    public const string StreamName = "default-response-stream";

    /// <summary>Whether the request has an input a client could mean: a non-empty string or a non-empty array of items.</summary>
    public static bool HasInput(JsonElement request) =>
        request.TryGetProperty("input", out var input)
        && (input.ValueKind == JsonValueKind.String ? input.GetString()!.Length > 0
            : input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0);

    /// <summary>Whether the request asks for the event stream.</summary>
    public static bool Streams(JsonElement request) =>
        request.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    public static CassetteResponse Build(string model, JsonElement request, string requestId, DateTimeOffset now)
    {
        var responseId = GatewayIds.ResponseId();
        var itemId = GatewayIds.ResponseItemId();
        var input = EstimateInputTokens(request);
        var output = DefaultAnswers.OutputTokens;
        var head = new Head(responseId, now.ToUnixTimeSeconds(), model, Echo(request, "instructions", JsonValueKind.String), Echo(request, "max_output_tokens", JsonValueKind.Number),
            Echo(request, "temperature", JsonValueKind.Number) ?? "1.0", Echo(request, "top_p", JsonValueKind.Number) ?? "1.0");
        var text = GoJson.Quote(DefaultAnswers.Text);
        var part = "{\"type\":\"output_text\",\"text\":" + text + ",\"annotations\":[]}";
        var item = "{\"type\":\"message\",\"id\":" + GoJson.Quote(itemId) + ",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[" + part + "]}";
        var completed = head.Response("completed", "[" + item + "]", Usage(input, output));
        if (!Streams(request))
        {
            return new CassetteResponse { Status = 200, Headers = GatewayPages.Headers(Name, "application/json; charset=utf-8", requestId), Body = completed };
        }

        var frames = new List<CassetteFrame>();
        void Add(string type, string fields) => frames.Add(new CassetteFrame
        {
            Data = "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + Number(frames.Count) + fields + "}\n\n",
        });
        var inProgress = head.Response("in_progress", "[]", "null");
        var textAt = ",\"item_id\":" + GoJson.Quote(itemId) + ",\"output_index\":0,\"content_index\":0";
        Add("response.created", ",\"response\":" + inProgress);
        Add("response.in_progress", ",\"response\":" + inProgress);
        Add("response.output_item.added", ",\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":" + GoJson.Quote(itemId) + ",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
        Add("response.content_part.added", textAt + ",\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}");
        foreach (var piece in DefaultAnswers.TextPieces)
        {
            Add("response.output_text.delta", textAt + ",\"delta\":" + GoJson.Quote(piece));
        }

        Add("response.output_text.done", textAt + ",\"text\":" + text);
        Add("response.content_part.done", textAt + ",\"part\":" + part);
        Add("response.output_item.done", ",\"output_index\":0,\"item\":" + item);
        Add("response.completed", ",\"response\":" + completed);
        return new CassetteResponse { Status = 200, Headers = GatewayPages.SseHeaders(StreamName, requestId), Frames = frames };
    }

    /// <summary>The response object's fields in the order cassette <c>responses-whole</c> has them; the request's settings are echoed.</summary>
    private sealed record Head(string Id, long CreatedAt, string Model, string? Instructions, string? MaxOutputTokens, string Temperature, string TopP)
    {
        public string Response(string status, string output, string usage) =>
            "{\"id\":" + GoJson.Quote(Id) + ",\"object\":\"response\",\"created_at\":" + CreatedAt.ToString(CultureInfo.InvariantCulture)
            + ",\"status\":\"" + status + "\",\"error\":null,\"incomplete_details\":null,\"instructions\":" + (Instructions ?? "null")
            + ",\"max_output_tokens\":" + (MaxOutputTokens ?? "null") + ",\"model\":" + GoJson.Quote(Model) + ",\"output\":" + output
            + ",\"previous_response_id\":null,\"temperature\":" + Temperature + ",\"top_p\":" + TopP + ",\"metadata\":{},\"usage\":" + usage + "}";
    }

    // A request value of the expected kind, re-quoted the gateway's way when it is a string.
    private static string? Echo(JsonElement request, string name, JsonValueKind kind) =>
        request.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? kind == JsonValueKind.String ? GoJson.Quote(value.GetString()!) : value.GetRawText()
            : null;

    // About four characters a token over the input and instructions, as the chat stand-in estimates over its messages.
    private static int EstimateInputTokens(JsonElement request)
    {
        var length = new[] { "input", "instructions" }.Sum(name => request.TryGetProperty(name, out var value) ? value.GetRawText().Length : 0);
        return Math.Max(1, (length + 3) / 4);
    }

    private static string Usage(int input, int output) =>
        "{\"input_tokens\":" + Number(input) + ",\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":" + Number(output)
        + ",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":" + Number(input + output) + "}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
