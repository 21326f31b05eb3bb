using Ezrouter.Cli.Hosting;
using Microsoft.Kiota.Abstractions.Serialization;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Cli.Commands.Chat;

/// <summary>The two surfaces' calls, streamed or not; with a printer, everything the model did is printed as it comes.</summary>
internal static class ChatCalls
{
    internal sealed record ChatRequest(string Prompt, string Model, string? System, int MaxTokens);

    /// <summary>How a call ended, for --verbose.</summary>
    internal sealed record Ending(string? Reason, EzrouterUsage? Usage);

    internal static OpenAiModels.CreateChatCompletionRequest OpenAiRequest(ChatRequest chat)
    {
        var messages = new List<OpenAiModels.ChatCompletionRequestMessage>();
        if (chat.System is { } system)
            messages.Add(new() { ChatCompletionRequestSystemMessage = new() { Role = "system", Content = new() { String = system } } });
        messages.Add(new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = chat.Prompt } } });
        return new() { Model = chat.Model, Messages = messages };
    }

    internal static AnthropicModels.CreateMessageRequest AnthropicRequest(ChatRequest chat) => new()
    {
        Model = chat.Model,
        MaxTokens = chat.MaxTokens,
        System = chat.System is null ? null : new() { String = chat.System },
        Messages = [new() { Role = "user", Content = new() { String = chat.Prompt } }],
    };

    internal static async Task<(IParsable, EzrouterResponseInfo, Ending)> OpenAiAsync(EzrouterClient client, ChatRequest chat, bool stream, AnswerPrinter? printer, CancellationToken cancellationToken)
    {
        var request = OpenAiRequest(chat);
        OpenAiModels.CreateChatCompletionResponse completion;
        EzrouterResponseInfo info;
        if (!stream)
        {
            var result = await client.Chat.CompleteAsync(request, cancellationToken);
            (completion, info) = (result.Value, result.Info);
            var message = completion.Choices?.FirstOrDefault()?.Message;
            if (printer is not null)
            {
                await printer.ThinkingAsync(message?.ReasoningContent);
                await printer.TextAsync(message?.Content ?? message?.Refusal);
            }
        }
        else
        {
            var chunks = client.Chat.CompleteStreamingAsync(request, cancellationToken);
            await foreach (var chunk in chunks)
            {
                if (printer is null || chunk.Choices?.FirstOrDefault()?.Delta is not { } delta) continue;
                await printer.ThinkingAsync(delta.ReasoningContent ?? delta.Reasoning);
                await printer.TextAsync(delta.Content ?? delta.Refusal);
            }
            (completion, info) = (chunks.Accumulator.ToCompletion(), chunks.ResponseInfo);
        }
        var choice = completion.Choices?.FirstOrDefault();
        if (printer is not null)
        {
            foreach (var call in choice?.Message?.ToolCalls ?? [])
                await printer.ToolCallAsync(call.Function?.Name, call.Function?.Arguments);
            await printer.EndAsync();
        }
        return (completion, info, new Ending(choice?.FinishReason, completion.Usage is { } usage ? EzrouterUsage.From(usage) : null));
    }

    internal static async Task<(IParsable, EzrouterResponseInfo, Ending)> AnthropicAsync(EzrouterClient client, ChatRequest chat, bool stream, AnswerPrinter? printer, CancellationToken cancellationToken)
    {
        var request = AnthropicRequest(chat);
        AnthropicModels.Message message;
        EzrouterResponseInfo info;
        if (!stream)
        {
            var result = await client.Messages.CreateAsync(request, cancellationToken);
            (message, info) = (result.Value, result.Info);
            if (printer is not null)
            {
                foreach (var block in message.Content ?? [])
                {
                    await printer.ThinkingAsync(block.ThinkingBlock?.Thinking ?? (block.RedactedThinkingBlock is null ? null : "[redacted thinking]"));
                    await printer.TextAsync(block.TextBlock?.Text);
                    if (block.ToolUseBlock is { } tool) await printer.ToolCallAsync(tool.Name, ToolInput(tool.Input));
                }
            }
        }
        else
        {
            var events = client.Messages.CreateStreamingAsync(request, cancellationToken);
            await foreach (var streamEvent in events)
            {
                if (printer is null) continue;
                var delta = streamEvent.ContentBlockDeltaEvent?.Delta;
                await printer.ThinkingAsync(delta?.ThinkingDelta?.Thinking);
                await printer.TextAsync(delta?.TextDelta?.Text);
            }
            (message, info) = (events.Accumulator.ToMessage(), events.ResponseInfo);
            // Tool input arrives as JSON fragments: printed whole, once the message is complete.
            if (printer is not null)
                foreach (var tool in (message.Content ?? []).Select(b => b.ToolUseBlock).OfType<AnthropicModels.ToolUseBlock>())
                    await printer.ToolCallAsync(tool.Name, ToolInput(tool.Input));
        }
        if (printer is not null) await printer.EndAsync();
        return (message, info, new Ending(message.StopReason, message.Usage is { } usage ? EzrouterUsage.From(usage) : null));
    }

    private static string ToolInput(UntypedNode? input) => input is null ? "{}" : CliJson.Readable(CliJson.Wire(new UntypedValue(input)));

    /// <summary>Wraps a tool's free-form input so it serializes as the JSON object it is.</summary>
    internal sealed class UntypedValue(UntypedNode input) : IParsable
    {
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>();

        public void Serialize(ISerializationWriter writer)
        {
            if (input is UntypedObject obj)
                foreach (var (key, value) in obj.GetValue()) writer.WriteObjectValue(key, value);
        }
    }
}
