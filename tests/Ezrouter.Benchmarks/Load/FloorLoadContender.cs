using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Contenders;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// The floor over the same sockets: a bare <see cref="HttpClient"/> over the same transport settings, the same
/// request, <see cref="SseParser"/> for the framing and the in-memory floor's one <see cref="System.Text.Json.Utf8JsonReader"/>
/// pass per payload (<see cref="FloorContender.CountText"/>), no objects built per event and nothing kept. What it
/// costs in CPU per event and in memory per open stream is the transport's share (connection, socket, its buffers,
/// the response) that every SDK here pays as well.
/// </summary>
internal sealed class FloorLoadContender : LoadContender
{
    public const string Chat = "floor-chat";
    public const string Messages = "floor-messages";

    private static readonly byte[] ChatBody =
        """{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"Hello!"}],"stream":true}"""u8.ToArray();
    private static readonly byte[] MessagesBody =
        """{"model":"claude-sonnet-4-6","max_tokens":1024,"messages":[{"role":"user","content":"Hello!"}],"stream":true}"""u8.ToArray();

    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly bool _messages;

    public FloorLoadContender(Uri baseUrl, bool messages)
    {
        _messages = messages;
        _http = new HttpClient(Handler, disposeHandler: false);
        _uri = new Uri(baseUrl, messages ? LoadCassettes.MessagesPath.TrimStart('/') : LoadCassettes.ChatPath.TrimStart('/'));
    }

    public override bool IsMessages => _messages;

    public override async Task<Tally> StreamAsync(EventCounter counter)
    {
        counter.BeginStream();
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(_messages ? MessagesBody : ChatBody) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (_messages)
        {
            request.Headers.Add("x-api-key", "sk-bench");
            request.Headers.Add("anthropic-version", "2023-06-01");
        }
        else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-bench");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        // Each stream its own text buffer: the streams run at once.
        var text = new char[1024];
        var events = 0;
        long chars = 0;
        await foreach (var item in SseParser.Create(body, (_, data) => data.SequenceEqual("[DONE]"u8) ? -1 : FloorContender.CountText(data, ref text)).EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data < 0) continue;
            events++;
            counter.Event();
            chars += item.Data;
        }
        return new Tally(events, chars);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
