using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Ezrouter.Benchmarks.Payloads;
using Ezrouter.Testing;

namespace Ezrouter.Benchmarks.Load;

/// <summary>
/// The benchmark recordings as recorded-gateway cassettes: one SSE event per frame (the gateway flushes each event
/// as it arrives from upstream), so the server writes and flushes once per event, as the real one does.
/// </summary>
internal static class LoadCassettes
{
    public const string ChatPath = "/v1/chat/completions";
    public const string MessagesPath = "/anthropic/v1/messages";

    /// <summary>Chat stream (stream=true), chat JSON answer (stream=false or absent), messages stream.</summary>
    public static IReadOnlyList<Cassette> Build(Recording chatStream, Recording messagesStream, int eventsPerFrame) =>
    [
        Cassette("bench-chat-stream", ChatPath, stream: true, Frames(chatStream, eventsPerFrame)),
        Cassette("bench-chat-json", ChatPath, stream: false, Recordings.ShortChatJson),
        Cassette("bench-messages-stream", MessagesPath, stream: true, Frames(messagesStream, eventsPerFrame)),
    ];

    private static Cassette Cassette(string name, string path, bool stream, object answer) => new()
    {
        Name = name,
        Description = "Ezrouter.Benchmarks load/cold payload",
        Source = new CassetteSource { Kind = CassetteSource.Authored, From = "tests/Ezrouter.Benchmarks/Payloads", Date = "2026-11-21" },
        Interactions =
        [
            new CassetteInteraction
            {
                Request = new CassetteRequest
                {
                    Method = "POST",
                    Path = path,
                    Body = new Dictionary<string, JsonElement> { ["stream"] = JsonBool(stream) },
                },
                Response = answer switch
                {
                    IReadOnlyList<CassetteFrame> frames => new CassetteResponse { Status = 200, Headers = Headers(Recording.EventStream), Frames = frames },
                    Recording json => new CassetteResponse { Status = 200, Headers = Headers(json.ContentType), Body = Encoding.UTF8.GetString(json.Body) },
                    _ => throw new ArgumentOutOfRangeException(nameof(answer)),
                },
            },
        ],
    };

    private static JsonElement JsonBool(bool value)
    {
        using var document = JsonDocument.Parse(value ? "true" : "false");
        return document.RootElement.Clone();
    }

    private static Dictionary<string, string> Headers(string contentType) => new()
    {
        ["Content-Type"] = contentType,
        ["X-New-Api-Version"] = "v0.9.6",
        ["X-Oneapi-Request-Id"] = "20261121000000000000000000000001",
    };

    /// <summary>The recording cut after each event's blank line(s) (<c>\n\n</c>, or <c>\n\n\n</c> on the Anthropic surface).</summary>
    public static IReadOnlyList<CassetteFrame> Frames(Recording recording, int eventsPerFrame)
    {
        var text = Encoding.UTF8.GetString(recording.Body);
        var frames = new List<CassetteFrame>();
        int start = 0, events = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] != '\n' || text[i + 1] != '\n') continue;
            var end = i + 2;
            while (end < text.Length && text[end] == '\n') end++;
            i = end - 1;
            if (++events % eventsPerFrame != 0 && end < text.Length) continue;
            frames.Add(new CassetteFrame { Data = text[start..end] });
            start = end;
        }
        if (start < text.Length) frames.Add(new CassetteFrame { Data = text[start..] });
        return frames;
    }
}
