using System.Collections;
using System.Diagnostics;
using System.Text;
using Ezrouter.Generated.OpenAi.Models;
using static Ezrouter.Tests.Telemetry.TelemetryHarness;

namespace Ezrouter.Tests.Telemetry;

/// <summary>
/// The API key never appears in a log line, a span (name, tags, events, status) or a metric tag, whatever the gateway
/// echoes: a run of calls of every kind, with content capture on and every log level, then a scan of all of it.
/// </summary>
public sealed class KeyNeverAppearsTests
{
    private const string Key = "sk-ezr-RECOGNISABLE-0123456789abcdef";

    [Theory]
    [InlineData(nameof(ClientConstruction.Options))]
    [InlineData(nameof(ClientConstruction.CallersHttpClient))]
    [InlineData(nameof(ClientConstruction.DependencyInjection))]
    public async Task The_key_appears_in_no_log_line_tag_event_or_metric(string construction)
    {
        await using var harness = await StartAsync(Enum.Parse<ClientConstruction>(construction), o => o.CaptureMessageContent = true, Key, Scenarios.KeyEchoError(Key), Scenarios.KeyEchoStream(Key), Scenarios.KeyEchoSuccess(Key), Scenarios.Slow);
        var client = harness.Client;

        // A chat (whose prompt quotes the key), a stream, a message, the catalog.
        await client.Chat.CompleteAsync(ChatRequest("claude-sonnet-4-6", $"my key is {Key}", stream: false));
        await client.Chat.CompleteStreamingAsync(ChatRequest("claude-sonnet-4-6", "Count to five.")).GetFinalCompletionAsync();
        await client.Messages.CreateAsync(MessageRequest("claude-opus-4-7", "What's the weather in Paris?", stream: false));
        await client.Models.ListAsync();
        await client.Responses.CreateAsync(new() { Model = "claude-sonnet-4-6", Input = new ResponseInput { String = $"my key is {Key}" } });
        await client.Responses.CreateStreamingAsync(new() { Model = "claude-sonnet-4-6", Input = new ResponseInput { String = "Count to five." } }).GetFinalResponseAsync();
        // The key echoed: in an error's headers and body, in a stream's headers, chunks and in-stream error, in a good answer.
        await Assert.ThrowsAsync<EzrouterAuthenticationException>(() => client.Chat.CompleteAsync(ChatRequest("echo-key", "x")));
        await Assert.ThrowsAnyAsync<EzrouterException>(() => client.Chat.CompleteStreamingAsync(ChatRequest("echo-key-stream", "x")).GetFinalCompletionAsync());
        await client.Chat.CompleteAsync(ChatRequest("echo-key-ok", "x"));
        // A retry, a timeout.
        await client.Chat.CompleteAsync(ChatRequest("claude-haiku-4-5", "Say hi."));
        // (The limit on this request only: a loaded machine must not time out the others.)
        await Assert.ThrowsAsync<EzrouterTimeoutException>(() => client.OpenAi.V1.Chat.Completions.PostAsync(ChatRequest("slow", "x"),
            c => c.Options.Add(new EzrouterTimeouts { Total = TimeSpan.FromMilliseconds(300) })));

        var spans = harness.Spans;
        var points = harness.Points();
        var logs = harness.LogLines;
        // What was scanned is everything those calls emit: a span per call, their metrics, and the log lines that matter.
        Assert.Equal(11, spans.Count);
        Assert.Contains(points, p => p.Name == "gen_ai.client.token.usage");
        Assert.Contains(logs, l => l.Id.Name == "Retrying");
        Assert.Contains(logs, l => l.Id.Name == "CallTimedOut");
        Assert.Contains(logs, l => l.Id.Name == "StreamFailed");
        Assert.Contains(spans, s => s.GetTagItem("gen_ai.input.messages") is string input && input.Contains("my key is [REDACTED]"));
        Assert.Contains(spans, s => s.GetTagItem("ezrouter.request_id") is "[REDACTED]");

        var text = new StringBuilder();
        foreach (var log in logs)
        {
            text.AppendLine(log.Message).AppendLine(log.Exception?.ToString());
            foreach (var pair in log.StructuredState ?? []) text.AppendLine($"{pair.Key}={pair.Value}");
            foreach (var scope in log.Scopes) text.AppendLine(scope?.ToString());
        }
        foreach (var span in spans)
        {
            text.AppendLine(span.DisplayName).AppendLine(span.OperationName).AppendLine(span.StatusDescription);
            foreach (var tag in span.TagObjects) text.AppendLine($"{tag.Key}={Flat(tag.Value)}");
            foreach (var e in span.Events)
            {
                text.AppendLine(e.Name);
                foreach (var tag in e.Tags) text.AppendLine($"{tag.Key}={Flat(tag.Value)}");
            }
        }
        foreach (var point in points)
            foreach (var tag in point.Tags) text.AppendLine($"{point.Name} {tag.Key}={Flat(tag.Value)}");

        var all = text.ToString();
        Assert.True(all.Length > 2000, "the scan saw too little to mean anything");
        Assert.DoesNotContain(Key, all, StringComparison.Ordinal);
        // Nor a long start of it (a cut that kept most of the key).
        Assert.DoesNotContain(Key[..12], all, StringComparison.Ordinal);
    }

    private static string? Flat(object? value) => value switch
    {
        string s => s,
        IEnumerable items => string.Join(",", items.Cast<object?>()),
        _ => value?.ToString(),
    };
}
