using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Ezrouter.Testing.Defaults;

/// <summary>
/// The stand-in chat completion: SSE whatever <c>stream</c> says (docs/gateway-behavior.md §6), chunks in the
/// gateway's own DTO key order (as cassette <c>chat-nonstream-sse</c>), a usage chunk unless the request turned it
/// off (§13), then <c>data: [DONE]</c> (§7).
/// </summary>
internal static class DefaultChatAnswer
{
    /// <summary>The <c>X-Cassette</c> name of this answer.</summary>
    public const string Name = "default-chat";

    public static CassetteResponse Build(string model, JsonElement request, string requestId, DateTimeOffset now)
    {
        // A Claude answer is converted by the gateway and keeps the Anthropic message id (§8); others keep theirs.
        var id = DefaultAnswers.IsClaude(model) ? GatewayIds.MessageId() : GatewayIds.CompletionId();
        var head = "data: {\"id\":" + GoJson.Quote(id) + ",\"object\":\"chat.completion.chunk\",\"created\":"
            + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ",\"model\":" + GoJson.Quote(model)
            + ",\"system_fingerprint\":null,\"choices\":";

        var frames = new List<CassetteFrame>
        {
            Frame(head, "[{\"delta\":{\"content\":\"\",\"role\":\"assistant\"},\"logprobs\":null,\"finish_reason\":null,\"index\":0}]", "null"),
        };
        frames.AddRange(DefaultAnswers.TextPieces.Select(piece => Frame(
            head, "[{\"delta\":{\"content\":" + GoJson.Quote(piece) + "},\"logprobs\":null,\"finish_reason\":null,\"index\":0}]", "null")));
        frames.Add(Frame(head, "[{\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\",\"index\":0}]", "null"));
        if (WantsUsage(request))
        {
            frames.Add(Frame(head, "[]", Usage(DefaultAnswers.EstimateInputTokens(request), DefaultAnswers.OutputTokens)));
        }

        frames.Add(new CassetteFrame { Data = "data: [DONE]\n\n" });
        return new CassetteResponse { Status = 200, Headers = GatewayPages.SseHeaders(Name, requestId), Frames = frames };
    }

    private static CassetteFrame Frame(string head, string choices, string usage) =>
        new() { Data = head + choices + ",\"usage\":" + usage + "}\n\n" };

    // Gateway (docs/gateway-behavior.md §13): a missing stream_options.include_usage counts as true.
    private static bool WantsUsage(JsonElement request) =>
        !(request.TryGetProperty("stream_options", out var options)
          && options.ValueKind == JsonValueKind.Object
          && options.TryGetProperty("include_usage", out var include)
          && include.ValueKind == JsonValueKind.False);

    // The gateway's usage object, field for field as cassette chat-nonstream-sse has it (§13).
    private static string Usage(int input, int output)
    {
        var inputText = input.ToString(CultureInfo.InvariantCulture);
        var outputText = output.ToString(CultureInfo.InvariantCulture);
        return "{\"prompt_tokens\":" + inputText + ",\"completion_tokens\":" + outputText + ",\"total_tokens\":"
            + (input + output).ToString(CultureInfo.InvariantCulture)
            + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"cached_creation_tokens\":0,\"text_tokens\":0,\"audio_tokens\":0,\"image_tokens\":0},"
            + "\"completion_tokens_details\":{\"text_tokens\":0,\"audio_tokens\":0,\"reasoning_tokens\":0},"
            + "\"input_tokens\":" + inputText + ",\"output_tokens\":0,\"input_tokens_details\":null,"
            + "\"claude_cache_creation_5_m_tokens\":0,\"claude_cache_creation_1_h_tokens\":0}";
    }
}
