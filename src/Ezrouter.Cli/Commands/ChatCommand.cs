using System.CommandLine;
using Microsoft.Kiota.Abstractions.Serialization;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;
using OpenAiModels = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Cli.Commands;

/// <summary><c>chat "prompt" --model M [--surface openai|anthropic] [--system S] [--no-stream] [--json]</c>.</summary>
internal static class ChatCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var prompt = new Argument<string>("prompt") { Description = "What to ask." };
        var model = new Option<string>("--model", "-m") { Description = "Model id (see `models`).", Required = true };
        var surface = new Option<string>("--surface") { Description = "openai (/v1/chat/completions) or anthropic (/anthropic/v1/messages).", DefaultValueFactory = _ => "openai" };
        surface.AcceptOnlyFromAmong("openai", "anthropic");
        var system = new Option<string?>("--system") { Description = "A system prompt." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Output token limit (Anthropic surface requires one).", DefaultValueFactory = _ => 1024 };
        var noStream = new Option<bool>("--no-stream") { Description = "Use the non-stream call instead of streaming tokens." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"response\": <final completion or message>, \"request_id\", \"gateway_version\"}; on failure {\"error\": {\"outcome\", \"exception\", \"status\", \"type\", \"code\", \"message\", \"request_id\"}, \"partial\"}, where message is the gateway's own message or null. The one-line human summary goes to stderr." };
        var command = new Command("chat", "Chat with a model; streams tokens to the terminal by default.") { prompt, model, surface, system, maxTokens, noStream, json };

        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, result.GetValue(json), async () =>
        {
            using var client = globals.CreateClient(result);
            var request = new ChatRequest(result.GetValue(prompt)!, result.GetValue(model)!, result.GetValue(system), result.GetValue(maxTokens));
            var asJson = result.GetValue(json);
            var stream = !result.GetValue(noStream);
            var (response, info) = result.GetValue(surface) == "anthropic"
                ? await AnthropicAsync(client, request, stream, asJson ? null : console.Out, cancellationToken)
                : await OpenAiAsync(client, request, stream, asJson ? null : console.Out, cancellationToken);
            if (asJson) await console.Out.WriteLineAsync(CliJson.Success(response, info));
            return 0;
        }));
        return command;
    }

    internal sealed record ChatRequest(string Prompt, string Model, string? System, int MaxTokens);

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

    /// <summary>Streams (printing content as it arrives when <paramref name="live"/> is set) or makes the non-stream call.</summary>
    internal static async Task<(IParsable, EzrouterResponseInfo)> OpenAiAsync(EzrouterClient client, ChatRequest chat, bool stream, TextWriter? live, CancellationToken cancellationToken)
    {
        var request = OpenAiRequest(chat);
        if (!stream)
        {
            var result = await client.Chat.CompleteAsync(request, cancellationToken);
            if (live is not null) await live.WriteLineAsync(result.Value.Choices?.FirstOrDefault()?.Message?.Content ?? "");
            return (result.Value, result.Info);
        }
        var chunks = client.Chat.CompleteStreamingAsync(request, cancellationToken);
        await foreach (var chunk in chunks)
        {
            if (live is not null && chunk.Choices?.FirstOrDefault()?.Delta?.Content is { Length: > 0 } text)
            {
                await live.WriteAsync(text);
                await live.FlushAsync(cancellationToken);
            }
        }
        if (live is not null) await live.WriteLineAsync();
        return (chunks.Accumulator.ToCompletion(), chunks.ResponseInfo);
    }

    internal static async Task<(IParsable, EzrouterResponseInfo)> AnthropicAsync(EzrouterClient client, ChatRequest chat, bool stream, TextWriter? live, CancellationToken cancellationToken)
    {
        var request = AnthropicRequest(chat);
        if (!stream)
        {
            var result = await client.Messages.CreateAsync(request, cancellationToken);
            if (live is not null)
                await live.WriteLineAsync(string.Concat(result.Value.Content?.Select(b => b.TextBlock?.Text) ?? []));
            return (result.Value, result.Info);
        }
        var events = client.Messages.CreateStreamingAsync(request, cancellationToken);
        await foreach (var streamEvent in events)
        {
            if (live is not null && streamEvent.ContentBlockDeltaEvent?.Delta?.TextDelta?.Text is { Length: > 0 } text)
            {
                await live.WriteAsync(text);
                await live.FlushAsync(cancellationToken);
            }
        }
        if (live is not null) await live.WriteLineAsync();
        return (events.Accumulator.ToMessage(), events.ResponseInfo);
    }
}
