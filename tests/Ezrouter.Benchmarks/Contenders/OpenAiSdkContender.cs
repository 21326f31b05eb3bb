using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Transport;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace Ezrouter.Benchmarks.Contenders;

/// <summary>The official OpenAI SDK (2.15.0) over one recording, through its own pipeline and an HttpClient transport.</summary>
internal sealed class OpenAiSdkContender : IDisposable
{
    private readonly HttpClient _http;
    private readonly ChatClient _chat;
    private readonly OpenAIModelClient _models;
    private readonly List<ChatMessage> _messages = [];

    /// <summary>Over <paramref name="recording"/>; with <paramref name="history"/>, chat calls send <see cref="LongHistory"/> turns.</summary>
    public OpenAiSdkContender(Recording recording, bool history = false)
    {
        if (history)
        {
            foreach (var (user, assistant) in LongHistory.Turns)
            {
                _messages.Add(new UserChatMessage(user));
                _messages.Add(new AssistantChatMessage(assistant));
            }
        }
        _messages.Add(new UserChatMessage("Hello!"));
        _http = new HttpClient(new ReplayHandler(recording));
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri("https://www.ezrouter.dev/v1"),
            Transport = new HttpClientPipelineTransport(_http),
        };
        var credential = new ApiKeyCredential("sk-bench");
        _chat = new ChatClient(ChatChunkWriter.Model, credential, options);
        _models = new OpenAIModelClient(credential, options);
    }

    /// <summary><c>CompleteChatStreamingAsync</c>: every update, every content part and tool-argument fragment read.</summary>
    public async Task<Tally> StreamChatAsync()
    {
        var events = 0;
        long chars = 0;
        await foreach (var update in _chat.CompleteChatStreamingAsync(_messages).ConfigureAwait(false))
        {
            events++;
            foreach (var part in update.ContentUpdate) chars += part.Text?.Length ?? 0;
            foreach (var call in update.ToolCallUpdates)
            {
                // Arguments arrive as UTF-8 bytes; the recorded arguments are ASCII, so bytes = characters.
                if (call.FunctionArgumentsUpdate is { } arguments) chars += arguments.ToMemory().Length;
            }
        }
        return new Tally(events, chars);
    }

    /// <summary><c>CompleteChatAsync</c> on a JSON answer (the SDK cannot read an SSE answer to a non-stream call).</summary>
    public async Task<Tally> CompleteChatAsync()
    {
        ChatCompletion completion = await _chat.CompleteChatAsync(_messages).ConfigureAwait(false);
        long chars = 0;
        foreach (var part in completion.Content) chars += part.Text?.Length ?? 0;
        foreach (var call in completion.ToolCalls) chars += call.FunctionArguments.ToMemory().Length;
        return new Tally(1, chars);
    }

    /// <summary><c>GetModelsAsync</c>: one GET of the catalog, every id read.</summary>
    public async Task<Tally> ListModelsAsync()
    {
        OpenAIModelCollection models = await _models.GetModelsAsync().ConfigureAwait(false);
        long chars = 0;
        foreach (var model in models) chars += model.Id?.Length ?? 0;
        return new Tally(models.Count, chars);
    }

    public void Dispose() => _http.Dispose();
}
