using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Ezrouter.Testing.Defaults;

/// <summary>
/// The stand-in Anthropic message: a <c>Message</c> JSON for a non-stream request (cassette
/// <c>anthropic-message-tool-use</c>), or its event stream when <c>stream</c> is true, framed as the gateway frames
/// a Claude upstream's events (cassette <c>anthropic-stream</c>, docs/gateway-behavior.md §7) or builds them for
/// any other model (cassette <c>anthropic-stream-non-claude</c>, §12).
/// </summary>
internal static class DefaultMessageAnswer
{
    /// <summary>The <c>X-Cassette</c> name of the JSON answer.</summary>
    public const string Name = "default-message";

    /// <summary>The <c>X-Cassette</c> name of the event-stream answer.</summary>
    public const string StreamName = "default-message-stream";

    public static CassetteResponse Build(string model, JsonElement request, string requestId)
    {
        var claude = DefaultAnswers.IsClaude(model);
        var id = claude ? GatewayIds.MessageId() : GatewayIds.CompletionId();
        var input = DefaultAnswers.EstimateInputTokens(request);
        var output = DefaultAnswers.OutputTokens;
        if (request.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            return new CassetteResponse { Status = 200, Headers = GatewayPages.SseHeaders(StreamName, requestId), Frames = Events(claude, model, id, input, output) };
        }

        var body = "{\"model\":" + GoJson.Quote(model) + ",\"id\":" + GoJson.Quote(id)
            + ",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":" + GoJson.Quote(DefaultAnswers.Text)
            + "}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":" + Usage(input, output) + "}";
        return new CassetteResponse { Status = 200, Headers = GatewayPages.Headers(Name, "application/json", requestId), Body = body };
    }

    private static List<CassetteFrame> Events(bool claude, string model, string id, int input, int output)
    {
        // A Claude upstream's events are re-sent with two blank lines and include ping; the gateway's own have one and none.
        var end = claude ? "\n\n\n" : "\n\n";
        var frames = new List<CassetteFrame>();
        void Add(string type, string data) => frames.Add(new CassetteFrame { Data = "event: " + type + "\ndata: " + data + end });

        var message = claude
            ? "{\"model\":" + GoJson.Quote(model) + ",\"id\":" + GoJson.Quote(id) + ",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":" + Usage(input, 1) + "}"
            : "{\"id\":" + GoJson.Quote(id) + ",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":" + GoJson.Quote(model) + ",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + Number(input) + ",\"output_tokens\":0}}";
        Add("message_start", "{\"type\":\"message_start\",\"message\":" + message + "}");
        Add("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        if (claude)
        {
            Add("ping", "{\"type\": \"ping\"}");
        }

        foreach (var piece in DefaultAnswers.TextPieces)
        {
            Add("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + GoJson.Quote(piece) + "}}");
        }

        Add("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        var usage = claude
            ? "{\"input_tokens\":" + Number(input) + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":" + Number(output) + "}"
            : "{\"input_tokens\":" + Number(input) + ",\"output_tokens\":" + Number(output) + "}";
        Add("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":" + usage + "}");
        Add("message_stop", "{\"type\":\"message_stop\"}");
        return frames;
    }

    private static string Usage(int input, int output) =>
        "{\"input_tokens\":" + Number(input) + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":" + Number(output) + "}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
