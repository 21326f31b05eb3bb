using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Serialization.Json;
using Ezrouter.Http;
using OpenAi = Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Tests.Generated;

/// <summary>
/// A body larger than the buffer a thread keeps (a long conversation) is written through buffers that grow from the
/// pool: the same bytes as Kiota's, call after call, and a small body after a large one is not left with its tail.
/// </summary>
public partial class GeneratedWriterParityTests
{
    private static OpenAi.CreateChatCompletionRequest History(int turns)
    {
        var messages = new StringBuilder("[");
        for (var i = 0; i < turns; i++)
            messages.Append(i == 0 ? "" : ",").Append($$"""{"role":"user","content":{{JsonSerializer.Serialize($"turn {i}: \"quoted\", café — {new string('x', 900)}\n")}}}""");
        return (OpenAi.CreateChatCompletionRequest)Parse("openai", $$"""{"model":"m","messages":{{messages}}]}""");
    }

    [Fact]
    public void LargeBodiesAreWrittenAsKiotaWritesThemOneAfterAnother()
    {
        var small = (OpenAi.CreateChatCompletionRequest)Parse("openai", """{"model":"m","messages":[]}""");
        foreach (var request in new[] { History(150), History(40), small, History(150), small })
        {
            using var writer = new RequestBodyJsonWriter(() => new JsonSerializationWriter());
            writer.WriteObjectValue(null, request);

            Assert.Equal(Kiota(request), ReadAll(writer.GetSerializedContent()));
        }
    }

    [Fact]
    public void A_thread_keeps_no_buffer_over_64_KB()
    {
        // A 60 KB string: the JSON writer asks for room ahead (about three times its length), so the body is under
        // 64 KB and the buffer is not.
        var request = (OpenAi.CreateChatCompletionRequest)Parse("openai", $$"""{"model":"m","messages":[{"role":"user","content":{{JsonSerializer.Serialize(new string('x', 60_000))}}}]}""");
        using var writer = new RequestBodyJsonWriter(() => new JsonSerializationWriter());
        writer.WriteObjectValue(null, request);

        var kept = (PooledBodyWriter?)typeof(RequestBodyJsonWriter).GetField("_buffer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null);
        Assert.True(kept is null || kept.Capacity <= 64 * 1024, $"the thread keeps {kept?.Capacity} bytes");
        Assert.Equal(Kiota(request), ReadAll(writer.GetSerializedContent()));
    }

    [Fact]
    public async Task BodiesWrittenOnManyThreadsAtOnceAreEachTheirOwn()
    {
        var requests = Enumerable.Range(0, 16).Select(i => History(20 + i * 10)).ToArray();
        var expected = requests.Select(Kiota).ToArray();

        var written = await Task.WhenAll(requests.Select(request => Task.Run(() =>
        {
            using var writer = new RequestBodyJsonWriter(() => new JsonSerializationWriter());
            writer.WriteObjectValue(null, request);
            return ReadAll(writer.GetSerializedContent());
        })));

        Assert.Equal(expected, written);
    }
}
