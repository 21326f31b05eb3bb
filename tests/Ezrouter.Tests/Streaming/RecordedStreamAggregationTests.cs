using System.Net;
using Ezrouter.Testing;
using Ezrouter.Tests.Chat;
using Ezrouter.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// For every recorded stream (each SSE cassette on chat completions or messages): the non-stream call's aggregation
/// and the stream's accumulator end the same way — equal results, or the same typed failure with equal partials.
/// </summary>
public class RecordedStreamAggregationTests
{
    public static TheoryData<string> StreamCassettes()
    {
        var data = new TheoryData<string>();
        foreach (var cassette in Cassette.LoadEmbedded())
        {
            var interaction = cassette.Interactions[^1];
            if (interaction.Response is { Status: 200, Frames.Count: > 0 } && IsStreamPath(interaction.Request.Path)) data.Add(cassette.Name);
        }
        return data;
    }

    private static bool IsStreamPath(string path) => path.EndsWith("/chat/completions", StringComparison.Ordinal) || path.EndsWith("/messages", StringComparison.Ordinal);

    private static EzrouterClient ClientReplaying(string cassetteName)
    {
        var interaction = Cassette.LoadEmbedded().Single(c => c.Name == cassetteName).Interactions[^1];
        var body = string.Concat(interaction.Response.Frames!.Select(f => f.Data));
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)interaction.Response.Status) { Content = new StringContent(body) };
            foreach (var (name, value) in interaction.Response.Headers ?? new Dictionary<string, string>())
                if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return response;
        });
        return TestClients.Create(mock);
    }

    [Theory]
    [MemberData(nameof(StreamCassettes))]
    public async Task AggregatingARecordedStreamEqualsTheNonStreamResult(string cassetteName)
    {
        var anthropic = Cassette.LoadEmbedded().Single(c => c.Name == cassetteName).Interactions[^1].Request.Path.EndsWith("/messages", StringComparison.Ordinal);
        using var client = ClientReplaying(cassetteName);

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
