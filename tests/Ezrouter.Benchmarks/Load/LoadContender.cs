using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;
using Ezrouter.Benchmarks.Contenders;
using Ezrouter.Benchmarks.Payloads;
using OpenAI;
using OpenAI.Chat;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// One client (one SDK client object over one connection pool) that the load workers share, opening one stream per
/// call against the gateway child and reading every event and every text delta, as the in-memory contenders do.
/// Every contender gets the same <see cref="SocketsHttpHandler"/> settings (<see cref="Transport"/>).
/// </summary>
internal abstract class LoadContender : IDisposable
{
    public const string EzrouterChat = "ezrouter-chat";
    public const string OpenAiSdk = "openai-sdk";
    public const string EzrouterMessages = "ezrouter-messages";
    public const string AnthropicSdk = "anthropic-sdk";

    /// <summary>Report order: each SDK right after ours on the same surface.</summary>
    public static readonly string[] All = [EzrouterChat, OpenAiSdk, EzrouterMessages, AnthropicSdk];

    /// <summary>The full load mode's: each surface's SDKs, then its floor over the same sockets (the transport's share).</summary>
    public static readonly string[] WithFloors = [EzrouterChat, OpenAiSdk, FloorLoadContender.Chat, EzrouterMessages, AnthropicSdk, FloorLoadContender.Messages];

    protected readonly HttpMessageHandler Handler = Transport();

    /// <summary>Which surface, so which recording, this contender streams.</summary>
    public abstract bool IsMessages { get; }

    /// <summary>
    /// One stream read to the end: what was read. Each event also goes to <paramref name="counter"/> as it is read
    /// (a count, and the time to the first event), so a measuring window can end while streams are open.
    /// </summary>
    public abstract Task<Tally> StreamAsync(EventCounter counter);

    /// <summary>
    /// The same transport for all: sockets, a connection per concurrent stream allowed (no pool limit can queue one
    /// contender's streams and not another's), no redirects, no decompression.
    /// </summary>
    public static SocketsHttpHandler Transport() => new()
    {
        MaxConnectionsPerServer = 4096,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// A worker's events read so far, and the time to first event of each stream after its first (the first ones
    /// all open at once, connections included). Only that worker writes it; others read <see cref="Events"/> and
    /// <see cref="Reopened"/> while it runs, the list after it stops.
    /// </summary>
    public sealed class EventCounter
    {
        private static int s_reopened;
        private long _streamStart;
        private bool _awaitingFirst;
        private int _streamsBegun;

        public long Events;

        /// <summary>Time to first event, ms, and when the first event came (Stopwatch timestamp), of streams after each worker's first.</summary>
        public List<(double Ms, long At)> Firsts { get; } = [];

        /// <summary>How many such first events all workers have seen so far.</summary>
        public static int Reopened => Volatile.Read(ref s_reopened);

        public void BeginStream()
        {
            _streamStart = Stopwatch.GetTimestamp();
            _awaitingFirst = _streamsBegun++ > 0;
        }

        public void Event()
        {
            Events++;
            if (!_awaitingFirst) return;
            _awaitingFirst = false;
            var now = Stopwatch.GetTimestamp();
            Firsts.Add(((now - _streamStart) * 1000.0 / Stopwatch.Frequency, now));
            Interlocked.Increment(ref s_reopened);
        }
    }

    public static LoadContender Create(string name, Uri baseUrl) => name switch
    {
        EzrouterChat => new Ours(baseUrl, messages: false),
        EzrouterMessages => new Ours(baseUrl, messages: true),
        OpenAiSdk => new OpenAi(baseUrl),
        AnthropicSdk => new AnthropicContender(baseUrl),
        FloorLoadContender.Chat => new FloorLoadContender(baseUrl, messages: false),
        FloorLoadContender.Messages => new FloorLoadContender(baseUrl, messages: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown load contender"),
    };

    public virtual void Dispose() => Handler.Dispose();

    private sealed class Ours : LoadContender
    {
        private readonly EzrouterClient _client;
        private readonly bool _messages;

        public Ours(Uri baseUrl, bool messages)
        {
            _messages = messages;
            _client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-bench", BaseUrl = baseUrl, Transport = Handler });
        }

        public override bool IsMessages => _messages;

        public override async Task<Tally> StreamAsync(EventCounter counter)
        {
            counter.BeginStream();
            long chars = 0;
            var events = 0;
            if (_messages)
            {
                await foreach (var e in _client.Messages.CreateStreamingAsync(EzrouterContender.MessageRequest()).ConfigureAwait(false))
                {
                    events++;
                    counter.Event();
                    if (e.ContentBlockDeltaEvent?.Delta is not { } delta) continue;
                    chars += (delta.TextDelta?.Text?.Length ?? 0) + (delta.ThinkingDelta?.Thinking?.Length ?? 0) +
                        (delta.SignatureDelta?.Signature?.Length ?? 0) + (delta.InputJsonDelta?.PartialJson?.Length ?? 0);
                }
                return new Tally(events, chars);
            }
            await foreach (var chunk in _client.Chat.CompleteStreamingAsync(EzrouterContender.ChatRequest()).ConfigureAwait(false))
            {
                events++;
                counter.Event();
                foreach (var choice in chunk.Choices ?? [])
                {
                    chars += choice.Delta?.Content?.Length ?? 0;
                    foreach (var call in choice.Delta?.ToolCalls ?? []) chars += call.Function?.Arguments?.Length ?? 0;
                }
            }
            return new Tally(events, chars);
        }

        public override void Dispose()
        {
            _client.Dispose();
            base.Dispose();
        }
    }

    private sealed class OpenAi : LoadContender
    {
        private readonly HttpClient _http;
        private readonly ChatClient _chat;
        private readonly List<ChatMessage> _messages = [new UserChatMessage("Hello!")];

        public OpenAi(Uri baseUrl)
        {
            _http = new HttpClient(Handler, disposeHandler: false);
            var options = new OpenAIClientOptions { Endpoint = new Uri(baseUrl, "v1"), Transport = new HttpClientPipelineTransport(_http) };
            _chat = new ChatClient(ChatChunkWriter.Model, new ApiKeyCredential("sk-bench"), options);
        }

        public override bool IsMessages => false;

        public override async Task<Tally> StreamAsync(EventCounter counter)
        {
            counter.BeginStream();
            long chars = 0;
            var events = 0;
            await foreach (var update in _chat.CompleteChatStreamingAsync(_messages).ConfigureAwait(false))
            {
                events++;
                counter.Event();
                foreach (var part in update.ContentUpdate) chars += part.Text?.Length ?? 0;
                foreach (var call in update.ToolCallUpdates)
                    if (call.FunctionArgumentsUpdate is { } arguments) chars += arguments.ToMemory().Length;
            }
            return new Tally(events, chars);
        }

        public override void Dispose()
        {
            _http.Dispose();
            base.Dispose();
        }
    }

    private sealed class AnthropicContender : LoadContender
    {
        private readonly HttpClient _http;
        private readonly AnthropicClient _client;
        private readonly MessageCreateParams _request = new()
        {
            Model = AnthropicEventWriter.Model,
            MaxTokens = 1024,
            Messages = [new MessageParam(new UserMessageParam(new MessageContentParam("Hello!", null)), null)],
        };

        public AnthropicContender(Uri baseUrl)
        {
            _http = new HttpClient(Handler, disposeHandler: false);
            _client = new AnthropicClient { HttpClient = _http, BaseUrl = new Uri(baseUrl, "anthropic").ToString(), ApiKey = "sk-bench" };
        }

        public override bool IsMessages => true;

        public override async Task<Tally> StreamAsync(EventCounter counter)
        {
            counter.BeginStream();
            long chars = 0;
            var events = 0;
            await foreach (var streamEvent in _client.Messages.CreateStreaming(_request).ConfigureAwait(false))
            {
                events++;
                counter.Event();
                if (!streamEvent.TryPickContentBlockDelta(out var deltaEvent)) continue;
                var delta = deltaEvent.Delta;
                if (delta.TryPickText(out var text)) chars += text.Text.Length;
                else if (delta.TryPickThinking(out var thinking)) chars += thinking.Thinking.Length;
                else if (delta.TryPickSignature(out var signature)) chars += signature.Signature.Length;
                else if (delta.TryPickInputJson(out var json)) chars += json.PartialJson.Length;
            }
            return new Tally(events, chars);
        }

        public override void Dispose()
        {
            _client.Dispose();
            _http.Dispose();
            base.Dispose();
        }
    }
}
