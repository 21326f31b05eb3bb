using System;
using System.Net.Http;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;
using Anthropic.Models.Models;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Transport;

namespace Ezrouter.Benchmarks.Contenders;

/// <summary>The official Anthropic SDK (13.12.0) over one recording, given an HttpClient over the in-memory transport.</summary>
internal sealed class AnthropicSdkContender : IDisposable
{
    private readonly HttpClient _http;
    private readonly AnthropicClient _client;
    private readonly MessageCreateParams _request;
    private readonly Recording _recording;

    public AnthropicSdkContender(Recording recording)
    {
        _recording = recording;
        _http = new HttpClient(new ReplayHandler(recording));
        _client = new AnthropicClient
        {
            HttpClient = _http,
            BaseUrl = "https://www.ezrouter.dev/anthropic",
            ApiKey = "sk-bench",
        };
        _request = new MessageCreateParams
        {
            Model = AnthropicEventWriter.Model,
            MaxTokens = 1024,
            Messages = [new MessageParam(new UserMessageParam(new MessageContentParam("Hello!", null)), null)],
        };
    }

    /// <summary><c>Messages.CreateStreaming</c>: every event, every thinking/signature/text/JSON delta read.</summary>
    public async Task<Tally> StreamMessagesAsync()
    {
        var events = 0;
        long chars = 0;
        await foreach (var streamEvent in _client.Messages.CreateStreaming(_request).ConfigureAwait(false))
        {
            events++;
            if (!streamEvent.TryPickContentBlockDelta(out var deltaEvent)) continue;
            var delta = deltaEvent.Delta;
            if (delta.TryPickText(out var text)) chars += text.Text.Length;
            else if (delta.TryPickThinking(out var thinking)) chars += thinking.Thinking.Length;
            else if (delta.TryPickSignature(out var signature)) chars += signature.Signature.Length;
            else if (delta.TryPickInputJson(out var json)) chars += json.PartialJson.Length;
        }
        return new Tally(events, chars);
    }

    /// <summary><c>Messages.Create</c> on a JSON answer: the whole message, every block read.</summary>
    public async Task<Tally> CreateMessageAsync()
    {
        var message = await _client.Messages.Create(_request).ConfigureAwait(false);
        long chars = 0;
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out var text)) chars += text.Text.Length;
            else if (block.TryPickThinking(out var thinking)) chars += thinking.Thinking.Length + thinking.Signature.Length;
            else if (block.TryPickToolUse(out var tool) && tool.Input.Count > 0) chars += _recording.ToolInputChars;
        }
        return new Tally(1, chars);
    }

    /// <summary><c>Models.List</c>: one GET of the catalog (Anthropic shape), every id read.</summary>
    public async Task<Tally> ListModelsAsync()
    {
        var page = await _client.Models.List(new ModelListParams()).ConfigureAwait(false);
        long chars = 0;
        foreach (var model in page.Items) chars += model.ID.Length;
        return new Tally(page.Items.Count, chars);
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }
}
