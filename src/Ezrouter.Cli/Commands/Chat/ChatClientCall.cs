using System.Text.Json;
using Ezrouter.Extensions.AI;
using Microsoft.Extensions.AI;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Ezrouter.Cli.Commands.Chat;

/// <summary>
/// <c>chat --via chat-client</c>: the same prompt through the SDK's <see cref="IChatClient"/>, which picks the surface
/// from the catalog unless <c>--surface</c> names one, and prints what it returns with the same printer.
/// </summary>
internal static class ChatClientCall
{
    public static async Task<(IParsable, EzrouterResponseInfo, ChatCalls.Ending)> RunAsync(EzrouterClient client, ChatCalls.ChatRequest chat, EzrouterChatRoute route,
        bool stream, AnswerPrinter? printer, CancellationToken cancellationToken)
    {
        using var chatClient = client.AsIChatClient(new EzrouterChatClientOptions { DefaultModelId = chat.Model, Route = route, DefaultMaxOutputTokens = chat.MaxTokens });
        var messages = new List<ChatMessage>();
        if (chat.System is { } system) messages.Add(new ChatMessage(ChatRole.System, system));
        messages.Add(new ChatMessage(ChatRole.User, chat.Prompt));
        var options = new ChatOptions { ModelId = chat.Model, MaxOutputTokens = chat.MaxTokens };

        ChatResponse response;
        if (!stream)
        {
            response = await chatClient.GetResponseAsync(messages, options, cancellationToken);
            foreach (var content in response.Messages.SelectMany(m => m.Contents)) await PrintAsync(printer, content);
        }
        else
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in chatClient.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                updates.Add(update);
                foreach (var content in update.Contents) await PrintAsync(printer, content);
            }
            response = updates.ToChatResponse();
            // ToChatResponse does not carry update properties over: the first update holds the call's info.
            if (updates.FirstOrDefault()?.AdditionalProperties?.TryGetValue(EzrouterChatClient.ResponseInfoKey, out var streamed) == true)
                (response.AdditionalProperties ??= [])[EzrouterChatClient.ResponseInfoKey] = streamed;
            response.RawRepresentation ??= updates.LastOrDefault(u => u.RawRepresentation is IParsable)?.RawRepresentation;
        }
        if (printer is not null) await printer.EndAsync();
        var usage = response.Usage is { } u
            ? new EzrouterUsage { InputTokens = (int)(u.InputTokenCount ?? 0), OutputTokens = (int)(u.OutputTokenCount ?? 0) }
            : null;
        // The generated model the adapter answered with: the whole response (non-stream) or the last chunk or event.
        var raw = response.RawRepresentation as IParsable ?? new ChatCalls.UntypedValue(new UntypedObject(new Dictionary<string, UntypedNode>()));
        var info = response.AdditionalProperties?.TryGetValue(EzrouterChatClient.ResponseInfoKey, out var value) == true && value is EzrouterResponseInfo given ? given : new EzrouterResponseInfo();
        return (raw, info, new ChatCalls.Ending(response.FinishReason?.Value, usage));
    }

    private static async Task PrintAsync(AnswerPrinter? printer, AIContent content)
    {
        if (printer is null) return;
        switch (content)
        {
            case TextReasoningContent thinking: await printer.ThinkingAsync(thinking.Text); break;
            case TextContent text: await printer.TextAsync(text.Text); break;
            case FunctionCallContent call:
                await printer.ToolCallAsync(call.Name, call.Arguments is null ? null : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions));
                break;
        }
    }
}
