using Ezrouter.Generated.OpenAi.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Cli.Commands.Chat;

/// <summary>
/// <c>chat --surface responses</c>: the prompt through the Responses API (<c>POST /v1/responses</c>), streamed or not.
/// Text and reasoning summaries print as they come; function calls print once their arguments are whole.
/// </summary>
internal static class ResponsesCall
{
    internal static CreateResponseRequest Request(ChatCalls.ChatRequest chat) => new()
    {
        Model = chat.Model,
        Input = new ResponseInput { String = chat.Prompt },
        Instructions = chat.System,
        MaxOutputTokens = chat.MaxTokens,
    };

    public static async Task<(IParsable, EzrouterResponseInfo, ChatCalls.Ending)> RunAsync(EzrouterClient client, ChatCalls.ChatRequest chat, bool stream,
        AnswerPrinter? printer, CancellationToken cancellationToken)
    {
        var request = Request(chat);
        ModelResponse response;
        EzrouterResponseInfo info;
        // Output items whose text or reasoning was printed from deltas; the others print whole at the end.
        var streamed = new HashSet<int>();
        if (!stream)
        {
            var result = await client.Responses.CreateAsync(request, cancellationToken);
            (response, info) = (result.Value, result.Info);
        }
        else
        {
            var events = client.Responses.CreateStreamingAsync(request, cancellationToken);
            await foreach (var streamEvent in events)
            {
                if (printer is null) continue;
                switch (streamEvent.Type)
                {
                    case "response.reasoning_summary_text.delta" or "response.reasoning_text.delta":
                        streamed.Add(streamEvent.OutputIndex ?? 0);
                        await printer.ThinkingAsync(streamEvent.Delta);
                        break;
                    case "response.output_text.delta" or "response.refusal.delta":
                        streamed.Add(streamEvent.OutputIndex ?? 0);
                        await printer.TextAsync(streamEvent.Delta);
                        break;
                }
            }
            (response, info) = (events.Accumulator.ToResponse(), events.ResponseInfo);
        }
        if (printer is not null)
        {
            var output = response.Output ?? [];
            for (var i = 0; i < output.Count; i++)
                if (!streamed.Contains(i)) await PrintAsync(printer, output[i], text: true);
            // Tool calls last, as the other surfaces print them.
            foreach (var item in output) await PrintAsync(printer, item, text: false);
            await printer.EndAsync();
        }
        return (response, info, new ChatCalls.Ending(Reason(response), UsageOrNull(response.Usage)));
    }

    private static async Task PrintAsync(AnswerPrinter printer, ResponseOutputItem item, bool text)
    {
        switch (item.Type)
        {
            case "reasoning" when text:
                foreach (var summary in item.Summary ?? []) await printer.ThinkingAsync(summary.Text);
                break;
            case "message" when text:
                foreach (var part in item.Content ?? []) await printer.TextAsync(part.Text ?? part.Refusal);
                break;
            case "function_call" when !text:
                await printer.ToolCallAsync(item.Name, item.Arguments);
                break;
        }
    }

    // The status is the Responses API's finish reason; an incomplete one says why.
    private static string? Reason(ModelResponse response) =>
        response.Status == "incomplete" && response.IncompleteDetails?.Reason is { } why ? $"incomplete ({why})" : response.Status;

    private static EzrouterUsage? UsageOrNull(Ezrouter.Generated.OpenAi.Models.ResponseUsage? usage) => usage is null ? null : EzrouterUsage.From(usage);
}
