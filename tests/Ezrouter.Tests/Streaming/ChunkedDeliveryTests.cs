using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Ezrouter.Generated.Anthropic;
using Ezrouter.Generated.OpenAi;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using RichardSzalay.MockHttp;
using Ezrouter.Http;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// Every SSE body the tests hold as data (each <c>*Sse</c> payload in <see cref="Payloads"/>, each recorded stream in
/// the cassettes), read as each split <see cref="Delivery"/> says, gives exactly what it gives read whole, on all three
/// paths that read SSE: the stream (each event, the outcome, the accumulator), <see cref="EzrouterClient"/>'s
/// non-stream call, and a plain Kiota adapter over our handlers. An ending is compared whole: exception type,
/// message, status, error fields, request id, raw body and partial response. The hand-written stream tests (with
/// bodies of their own) run their own assertions under every delivery through their theories.
/// </summary>
public class ChunkedDeliveryTests
{
    private sealed record SseBody(string Name, bool Anthropic, Func<Delivery, MockHttpMessageHandler> Transport, bool EndsInAReset = false);

    private static IEnumerable<SseBody> Bodies()
    {
        foreach (var field in typeof(Payloads).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.Name.EndsWith("Sse", StringComparison.Ordinal)))
        {
            var body = (string)field.GetValue(null)!;
            var anthropic = field.Name.StartsWith("Anthropic", StringComparison.Ordinal);
            yield return new($"Payloads.{field.Name}", anthropic, delivery =>
            {
                var mock = new MockHttpMessageHandler();
                mock.When(HttpMethod.Post, "*").Respond(_ => TestClients.Sse(body, delivery: delivery));
                return mock;
            });
        }
        foreach (var name in RecordedStreamAggregationTests.StreamCassetteNames())
        {
            var interaction = RecordedStreamAggregationTests.LastInteraction(name);
            var anthropic = interaction.Request.Path.EndsWith("/messages", StringComparison.Ordinal);
            yield return new($"cassette {name}", anthropic, delivery => RecordedStreamAggregationTests.Replaying(name, delivery), interaction.Response.End == Ezrouter.Testing.CassetteEnd.Abort);
        }
    }

    public static TheoryData<string, Delivery> SplitBodies()
    {
        var data = new TheoryData<string, Delivery>();
        foreach (var body in Bodies())
            // Lone-CR line endings lose the last event before a reset: a known issue, LoneCrFramingTests.
            foreach (var delivery in Delivery.Every.Where(d => !d.IsWhole && !(body.EndsInAReset && d.EndsLinesWithLoneCr))) data.Add(body.Name, delivery);
        return data;
    }

    // Each body's whole-delivery transcript, made once for all its split deliveries.
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Whole = new();

    [Theory]
    [MemberData(nameof(SplitBodies))]
    public async Task ReadInPiecesABodyGivesWhatItGivesWhole(string body, Delivery delivery)
    {
        var source = Bodies().Single(b => b.Name == body);

        var whole = await Whole.GetOrAdd(body, _ => new(() => TranscriptAsync(source, Delivery.Whole))).Value;
        var split = await TranscriptAsync(source, delivery);

        Assert.Equal(whole, split);
    }

    [Theory]
    [MemberData(nameof(Delivery.Split), MemberType = typeof(Delivery))]
    public async Task TheSplitReachesTheSseReader(Delivery delivery)
    {
        // The deliveries prove something only if the reader really sees their reads (nothing on the way buffers them).
        var bytes = delivery.Bytes(Payloads.ChatSse);
        ChunkedStream? body = null;
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, "*").Respond(_ =>
        {
            body = delivery.Stream(new MemoryStream(bytes));
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new("text/event-stream");
            return response;
        });
        using var client = TestClients.Create(mock);

        await client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync();

        // One read per byte, except the last LF of a body ending in CRLF: the CR already ended the event, so the reader
        // has finished before it asks for that byte.
        var unread = bytes.Length > 1 && bytes[^2] == (byte)'\r' && bytes[^1] == (byte)'\n' ? 1 : 0;
        if (delivery.FixedChunk == 1) Assert.Equal(bytes.Length - unread, body!.Reads);
        else Assert.InRange(body!.Reads, 20, bytes.Length);
    }

    /// <summary>Everything the three paths observe, one line per observation.</summary>
    private static async Task<string> TranscriptAsync(SseBody source, Delivery delivery)
    {
        var lines = new StringBuilder();
        using (var client = TestClients.Create(source.Transport(delivery)))
        {
            if (source.Anthropic)
            {
                var stream = client.Messages.CreateStreamingAsync(MessageStreamingTests.Request());
                var ending = await EndingAsync(async () =>
                {
                    await foreach (var e in stream) lines.Append("event ").AppendLine(Shape(e));
                });
                lines.Append("stream ").AppendLine(ending).Append("outcome ").AppendLine(stream.Outcome.ToString())
                    .Append("skipped ").AppendLine(stream.SkippedEvents.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append("accumulated ").AppendLine(await EndingAsync(() => Task.FromResult<IParsable>(stream.Accumulator.ToMessage())));
                lines.Append("non-stream ").AppendLine(await EndingAsync(async () => (await client.Messages.CreateAsync(MessageStreamingTests.Request())).Value));
            }
            else
            {
                var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
                var ending = await EndingAsync(async () =>
                {
                    await foreach (var chunk in stream) lines.Append("event ").AppendLine(Shape(chunk));
                });
                lines.Append("stream ").AppendLine(ending).Append("outcome ").AppendLine(stream.Outcome.ToString())
                    .Append("accumulated ").AppendLine(await EndingAsync(() => Task.FromResult<IParsable>(stream.Accumulator.ToCompletion())));
                lines.Append("non-stream ").AppendLine(await EndingAsync(async () => (await client.Chat.CompleteAsync(ChatCompletionTests.Request())).Value));
            }
        }

        // Our handlers under a plain Kiota adapter: SseAggregationHandler reads the SSE answer.
        var options = new EzrouterClientOptions { ApiKey = TestClients.ApiKey, Transport = source.Transport(delivery) };
        options.Retry.MaxRetries = 0;
        using var http = EzrouterClientFactory.CreateHttpClient(options);
        var adapter = new HttpClientRequestAdapter(new EzrouterKeyAuthenticationProvider(TestClients.ApiKey, anthropicSurface: source.Anthropic), httpClient: http);
        lines.Append("plain adapter ").AppendLine(source.Anthropic
            ? await EndingAsync(async () => (await new AnthropicClient(adapter).V1.Messages.PostAsync(MessageStreamingTests.Request()))!)
            : await EndingAsync(async () => (await new OpenAiClient(adapter).V1.Chat.Completions.PostAsync(ChatCompletionTests.Request()))!));
        return lines.ToString();
    }

    private static Task<string> EndingAsync(Func<Task> run) => EndingAsync(async () =>
    {
        await run();
        return null!;
    });

    private static async Task<string> EndingAsync(Func<Task<IParsable>> run)
    {
        try
        {
            var result = await run();
            return result is null ? "ended" : "result " + Shape(result);
        }
        catch (EzrouterException e)
        {
            return $"{e.GetType().Name}: {e.Message} | status {e.StatusCode} | {e.Taxonomy} {e.ErrorType} {e.ErrorCode} | gateway message {e.GatewayMessage} | request id {e.RequestId} | raw {e.RawBody} | partial {Shape(e.PartialResponse)}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static string Shape(object? value) => GeneratedReaderParityTests.Shape(value);
}
