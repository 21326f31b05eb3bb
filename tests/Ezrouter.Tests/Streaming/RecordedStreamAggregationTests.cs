using System.Net;
using Ezrouter.Testing;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// For every recorded stream (each SSE cassette on chat completions or messages), its body arriving as each
/// <see cref="Delivery"/> says: the non-stream call's aggregation and the stream's accumulator end the same way —
/// equal results, or the same typed failure with equal partials.
/// </summary>
public class RecordedStreamAggregationTests
{
    // Loaded once: every case reads it, and parsing the embedded cassettes costs more than replaying one.
    private static readonly Lazy<IReadOnlyList<Cassette>> Embedded = new(() => Cassette.LoadEmbedded());

    internal static CassetteInteraction LastInteraction(string cassetteName) => Embedded.Value.Single(c => c.Name == cassetteName).Interactions[^1];

    /// <summary>The names of the cassettes whose (last) answer is a 200 SSE stream on a path the SDK aggregates.</summary>
    internal static IEnumerable<string> StreamCassetteNames()
    {
        foreach (var cassette in Embedded.Value)
        {
            var interaction = cassette.Interactions[^1];
            if (interaction.Response is { Status: 200, Frames.Count: > 0 } && IsStreamPath(interaction.Request.Path)) yield return cassette.Name;
        }
    }

    public static TheoryData<string, Delivery> StreamCassettes()
    {
        var data = new TheoryData<string, Delivery>();
        foreach (var name in StreamCassetteNames())
            foreach (var delivery in Delivery.Every) data.Add(name, delivery);
        return data;
    }

    private static bool IsStreamPath(string path) => path.EndsWith("/chat/completions", StringComparison.Ordinal) || path.EndsWith("/messages", StringComparison.Ordinal);

    private static EzrouterClient ClientReplaying(string cassetteName, Delivery delivery) => TestClients.Create(Replaying(cassetteName, delivery));

    /// <summary>
    /// A transport that answers every request with the cassette's last answer: its headers, its frames as one body
    /// delivered as <paramref name="delivery"/> says, and a reset connection after the last byte where the cassette
    /// ends with one.
    /// </summary>
    internal static MockHttpMessageHandler Replaying(string cassetteName, Delivery delivery)
    {
        var interaction = LastInteraction(cassetteName);
        var body = string.Concat(interaction.Response.Frames!.Select(f => f.Data));
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)interaction.Response.Status) { Content = delivery.Content(body, resetAtEnd: interaction.Response.End == CassetteEnd.Abort) };
            foreach (var (name, value) in interaction.Response.Headers ?? new Dictionary<string, string>())
                if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        return mock;
    }

    [Theory]
    [MemberData(nameof(StreamCassettes))]
    public async Task AggregatingARecordedStreamEqualsTheNonStreamResult(string cassetteName, Delivery delivery)
    {
        var anthropic = LastInteraction(cassetteName).Request.Path.EndsWith("/messages", StringComparison.Ordinal);
        using var client = ClientReplaying(cassetteName, delivery);

        var (nonStream, nonStreamError) = await Outcome(() => anthropic
            ? client.Messages.CreateAsync(MessageStreamingTests.Request()).ContinueWith(t => (Microsoft.Kiota.Abstractions.Serialization.IParsable)t.Result.Value)
            : client.Chat.CompleteAsync(ChatCompletionTests.Request()).ContinueWith(t => (Microsoft.Kiota.Abstractions.Serialization.IParsable)t.Result.Value));
        var (streamed, streamError) = await Outcome(async () => anthropic
            ? await client.Messages.CreateStreamingAsync(MessageStreamingTests.Request()).GetFinalMessageAsync()
            : (Microsoft.Kiota.Abstractions.Serialization.IParsable)await client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request()).GetFinalCompletionAsync());

        Assert.Equal(nonStreamError?.GetType(), streamError?.GetType());
        if (nonStreamError is not null)
        {
            Assert.Equal(Json(nonStreamError.PartialResponse), Json(streamError!.PartialResponse));
            Assert.Equal(nonStreamError.RequestId, streamError.RequestId);
        }
        else Assert.Equal(Json(nonStream), Json(streamed));
    }

    private static async Task<(Microsoft.Kiota.Abstractions.Serialization.IParsable?, EzrouterException?)> Outcome(Func<Task<Microsoft.Kiota.Abstractions.Serialization.IParsable>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (AggregateException e) when (e.InnerException is EzrouterException inner)
        {
            return (null, inner);
        }
        catch (EzrouterException e)
        {
            return (null, e);
        }
    }

    private static string? Json(Microsoft.Kiota.Abstractions.Serialization.IParsable? value) => value is null ? null : Generated.GeneratedClientTests.Write(value);
}
