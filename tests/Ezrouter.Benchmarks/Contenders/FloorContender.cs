using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Tasks;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Benchmarks.Transport;

namespace Ezrouter.Benchmarks.Contenders;

/// <summary>
/// The floor: the same request and transport through a bare <see cref="HttpClient"/>, <see cref="SseParser"/> for the
/// framing, and one <see cref="Utf8JsonReader"/> pass over each payload that copies out the text values (content,
/// tool arguments, thinking, signatures, text, partial JSON) into a reused buffer. No objects are built per event.
/// </summary>
internal sealed class FloorContender : IDisposable
{
    private static readonly byte[] RequestBody =
        """{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"Hello!"}],"stream":true}"""u8.ToArray();

    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly SseItemParser<long> _parser;
    private char[] _text = new char[1024];

    public FloorContender(Recording recording, string path = "/v1/chat/completions")
    {
        _http = new HttpClient(new ReplayHandler(recording));
        _uri = new Uri("https://www.ezrouter.dev" + path);
        _parser = Parse;
    }

    /// <summary>The floor's item parser (one reader pass per payload), for other harnesses over the same transport.</summary>
    public SseItemParser<long> Parser => _parser;

    public async Task<Tally> StreamAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(RequestBody) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var events = 0;
        long chars = 0;
        await foreach (var item in SseParser.Create(body, _parser).EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data < 0) continue;
            events++;
            chars += item.Data;
        }
        return new Tally(events, chars);
    }

    private long Parse(string eventType, ReadOnlySpan<byte> data) =>
        data.SequenceEqual("[DONE]"u8) ? -1 : CountText(data, ref _text);

    /// <summary>One reader pass over a payload: the characters of its text values, copied out into <paramref name="buffer"/>.</summary>
    public static long CountText(ReadOnlySpan<byte> data, ref char[] buffer)
    {
        var reader = new Utf8JsonReader(data);
        long chars = 0;
        var isText = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    isText = reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("arguments"u8) ||
                        reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8) ||
                        reader.ValueTextEquals("signature"u8) || reader.ValueTextEquals("partial_json"u8);
                    break;
                case JsonTokenType.String when isText:
                    var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
                    if (buffer.Length < length) buffer = new char[Math.Max(length, buffer.Length * 2)];
                    chars += reader.CopyString(buffer);
                    isText = false;
                    break;
                default:
                    isText = false;
                    break;
            }
        }
        return chars;
    }

    public void Dispose() => _http.Dispose();
}
