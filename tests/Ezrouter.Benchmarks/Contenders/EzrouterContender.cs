using System;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Transport;
using Ezrouter.Generated.Anthropic.Models;
using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Benchmarks.Contenders;

/// <summary>This SDK over one recording: its streaming APIs, its non-stream calls, and the model list.</summary>
internal sealed class EzrouterContender : IDisposable
{
    private readonly EzrouterClient _client;
    private readonly Recording _recording;
    private readonly CreateChatCompletionRequest _chatRequest;
    private readonly CreateMessageRequest _messageRequest = MessageRequest();

    /// <summary>Over <paramref name="recording"/>; with <paramref name="history"/>, chat calls send <see cref="LongHistory"/> turns.</summary>
    public EzrouterContender(Recording recording, bool history = false)
    {
        _recording = recording;
        _chatRequest = history ? HistoryChatRequest() : ChatRequest();
        _client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-bench", Transport = new ReplayHandler(recording) });
    }

    public static CreateChatCompletionRequest ChatRequest() => new()
    {
        Model = ChatChunkWriter.Model,
        Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hello!" } } }],
    };

    /// <summary>
    /// A chat that sends a conversation of <see cref="LongHistory"/> earlier turns, as a chat application resends its
    /// history on every turn: the request side of a call (serializing it, what the handlers read of it) at a size
    /// where it costs more than the call's fixed part.
    /// </summary>
    public static CreateChatCompletionRequest HistoryChatRequest()
    {
        var messages = new System.Collections.Generic.List<ChatCompletionRequestMessage>();
        foreach (var (user, assistant) in LongHistory.Turns)
        {
            messages.Add(new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = user } } });
            messages.Add(new() { ChatCompletionRequestAssistantMessage = new() { Role = "assistant", Content = new() { String = assistant } } });
        }
        messages.Add(new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hello!" } } });
        return new() { Model = ChatChunkWriter.Model, Messages = messages };
    }

    public static CreateMessageRequest MessageRequest() => new()
    {
        Model = AnthropicEventWriter.Model,
        MaxTokens = 1024,
        Messages = [new() { Role = "user", Content = new() { String = "Hello!" } }],
    };

    /// <summary><c>Chat.CompleteStreamingAsync</c>: every chunk, every content and tool-argument delta read.</summary>
    public async Task<Tally> StreamChatAsync()
    {
        var events = 0;
        long chars = 0;
        await foreach (var chunk in _client.Chat.CompleteStreamingAsync(_chatRequest).ConfigureAwait(false))
        {
            events++;
            if (chunk.Choices is null) continue;
            foreach (var choice in chunk.Choices)
            {
                if (choice.Delta is not { } delta) continue;
                chars += delta.Content?.Length ?? 0;
                if (delta.ToolCalls is null) continue;
                foreach (var call in delta.ToolCalls) chars += call.Function?.Arguments?.Length ?? 0;
            }
        }
        return new Tally(events, chars);
    }

    /// <summary><c>Messages.CreateStreamingAsync</c>: every event, every thinking/signature/text/JSON delta read.</summary>
    public async Task<Tally> StreamMessagesAsync()
    {
        var events = 0;
        long chars = 0;
        await foreach (var streamEvent in _client.Messages.CreateStreamingAsync(_messageRequest).ConfigureAwait(false))
        {
            events++;
            if (streamEvent.ContentBlockDeltaEvent?.Delta is not { } delta) continue;
            chars += delta.TextDelta?.Text?.Length ?? 0;
            chars += delta.ThinkingDelta?.Thinking?.Length ?? 0;
            chars += delta.SignatureDelta?.Signature?.Length ?? 0;
            chars += delta.InputJsonDelta?.PartialJson?.Length ?? 0;
        }
        return new Tally(events, chars);
    }

    /// <summary><c>Chat.CompleteAsync</c>: the whole completion, whether the answer is SSE or JSON.</summary>
    public async Task<Tally> CompleteChatAsync()
    {
        var completion = (await _client.Chat.CompleteAsync(_chatRequest).ConfigureAwait(false)).Value;
        long chars = 0;
        foreach (var choice in completion.Choices ?? [])
        {
            chars += choice.Message?.Content?.Length ?? 0;
            foreach (var call in choice.Message?.ToolCalls ?? []) chars += call.Function?.Arguments?.Length ?? 0;
        }
        return new Tally(_recording.Events, chars);
    }

    /// <summary><c>Messages.CreateAsync</c>: the whole message, whether the answer is SSE or JSON.</summary>
    public async Task<Tally> CreateMessageAsync()
    {
        var message = (await _client.Messages.CreateAsync(_messageRequest).ConfigureAwait(false)).Value;
        // A whole message holds the tool input as a parsed object: walked, and its text counted as the recording's.
        long chars = 0;
        foreach (var block in message.Content ?? [])
        {
            chars += block.TextBlock?.Text?.Length ?? 0;
            chars += block.ThinkingBlock?.Thinking?.Length ?? 0;
            chars += block.ThinkingBlock?.Signature?.Length ?? 0;
            if (block.ToolUseBlock?.Input is { } input && UntypedWalk.CountNodes(input) > 0) chars += _recording.ToolInputChars;
        }
        return new Tally(_recording.Events, chars);
    }

    /// <summary><c>Models.ListAsync(refresh: true)</c>: one GET of the catalog, every id read.</summary>
    public async Task<Tally> ListModelsAsync()
    {
        var models = await _client.Models.ListAsync(refresh: true).ConfigureAwait(false);
        long chars = 0;
        foreach (var model in models) chars += model.Id?.Length ?? 0;
        return new Tally(models.Count, chars);
    }

    /// <summary>The generated Anthropic-surface model list (<c>Anthropic.V1.Models.GetAsync</c>), every id read.</summary>
    public async Task<Tally> ListAnthropicModelsAsync()
    {
        var list = await _client.Anthropic.V1.Models.GetAsync().ConfigureAwait(false);
        long chars = 0;
        foreach (var model in list?.Data ?? []) chars += model.Id?.Length ?? 0;
        return new Tally(list?.Data?.Count ?? 0, chars);
    }

    public void Dispose() => _client.Dispose();
}
