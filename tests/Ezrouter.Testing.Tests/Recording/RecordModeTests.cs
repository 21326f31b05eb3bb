using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Ezrouter.Testing.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Ezrouter.Testing.Tests.Recording;

[Collection(TimingCollection.Name)]
public sealed class RecordModeTests : IAsyncLifetime
{
    private const string Key = "sk-ezr-record-0123456789abcdef";
    private const string ClientKey = "sk-client-own-9876543210";

    private readonly ConcurrentQueue<string> credentialsSeen = new();
    private readonly DirectoryInfo output = Directory.CreateTempSubdirectory("recordings-");
    private LoopbackUpstream upstream = null!;
    private RecordedGateway recorder = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        upstream = await LoopbackUpstream.StartAsync(FakeGatewayAsync);
        recorder = await RecordedGateway.StartRecordingAsync(new RecordingOptions
        {
            UpstreamBaseUrl = upstream.BaseUrl,
            OutputDirectory = output.FullName,
            ApiKey = Key,
        });
        client = Wire.Client(recorder);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await recorder.DisposeAsync();
        await upstream.DisposeAsync();
        output.Delete(recursive: true);
    }

    [Fact]
    public async Task StreamIsRelayedAsItArrivesAndRecordedFrameByFrame()
    {
        // Act
        using var response = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var received = await Wire.ReadAllAsync(response);

        // Assert: the client saw the first frame well before the paused one.
        Assert.Null(received.Failure);
        var first = received.Chunks.First(c => Encoding.UTF8.GetString(c.Bytes).Contains("\"n\":1", StringComparison.Ordinal));
        var second = received.Chunks.First(c => Encoding.UTF8.GetString(c.Bytes).Contains("\"n\":2", StringComparison.Ordinal));
        Assert.True(second.At - first.At >= TimeSpan.FromMilliseconds(200), $"gap {second.At - first.At}");
        Assert.Equal("Bearer " + Key, Assert.Single(credentialsSeen));

        var cassette = Assert.Single(Cassette.LoadDirectory(output.FullName));
        var interaction = Assert.Single(cassette.Interactions);
        Assert.Equal(CassetteSource.Recorded, cassette.Source!.Kind);
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cassette.Source.Date);
        Assert.Equal("m", interaction.Request.Body!["model"].GetString());
        Assert.True(interaction.Request.Body["stream"].GetBoolean());
        Assert.Equal("hi", interaction.Request.Body["messages.0.content"].GetString());
        var frames = interaction.Response.Frames!;
        Assert.Equal(4, frames.Count);
        Assert.Equal("data: {\"n\":1}\n\n", frames[0].Data);
        Assert.True(frames[1].DelayMs >= 200, $"recorded delay {frames[1].DelayMs}");
        Assert.Equal("event: x\ndata: {\"n\":3}\n\n\n", frames[2].Data);
        Assert.Equal("data: [DONE]\n\n", frames[3].Data);
        Assert.Equal(received.Text.Replace(Key, "REDACTED", StringComparison.Ordinal), string.Concat(frames.Select(f => f.Data)));
    }

    [Fact]
    public async Task KeyIsRedactedEverywhereInWhatIsWritten()
    {
        // Act: a stream, a JSON body and a client that brings its own key.
        using (var r = await client.SendAsync(Wire.Post("v1/chat/completions", """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""")))
        {
            await r.Content.ReadAsStringAsync();
        }

        using (var r = await client.SendAsync(Wire.Post("anthropic/v1/messages", """{"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""")))
        {
            await r.Content.ReadAsStringAsync();
        }

        using (var r = await client.SendAsync(Wire.Post("v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"own key"}]}""", ("Authorization", "Bearer " + ClientKey))))
        {
            await r.Content.ReadAsStringAsync();
        }

        // Assert
        Assert.Equal(["Bearer " + Key, "x-api-key " + Key, "Bearer " + ClientKey], credentialsSeen);
        var files = Directory.GetFiles(output.FullName);
        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("session=abc", text, StringComparison.Ordinal);
        }

        var headers = Cassette.LoadDirectory(output.FullName).Select(c => c.Interactions[0].Response.Headers!).ToList();
        Assert.All(headers, h => Assert.Equal("REDACTED", h["Set-Cookie"]));
        Assert.All(headers, h => Assert.Equal("REDACTED", h["X-Ratelimit-Remaining-Tokens"]));
        Assert.All(headers, h => Assert.Equal("REDACTED", h["X-Upstream-Secret"]));
        Assert.All(headers, h => Assert.Equal("v0.9.6", h["X-New-Api-Version"]));
        Assert.All(recorder.Requests, r => Assert.DoesNotContain(Key, string.Concat(r.Headers.Values) + r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonBodyIsStoredAsJsonWhenExactAndAsRawTextOtherwise()
    {
        using (var r = await client.SendAsync(Wire.Post("anthropic/v1/messages", """{"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""")))
        {
            await r.Content.ReadAsStringAsync();
        }

        using (var r = await client.GetAsync("v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var cassettes = Cassette.LoadDirectory(output.FullName);
        var messages = cassettes.Single(c => c.Name.Contains("anthropic", StringComparison.Ordinal)).Interactions[0].Response;
        var models = cassettes.Single(c => c.Name.Contains("models", StringComparison.Ordinal)).Interactions[0].Response;
        Assert.Equal("REDACTED", messages.Json!.Value.GetProperty("echo").GetString());
        Assert.Null(messages.Body);
        Assert.Equal("{ \"object\": \"list\", \"data\": [] }", models.Body);
    }

    [Fact]
    public async Task CutUpstreamIsRecordedAsAbortAndCutForTheClientToo()
    {
        using var response = await Wire.SendAsync(client, Wire.Post("v1/chat/completions", """{"model":"cut","stream":true}"""));
        var received = await Wire.ReadAllAsync(response);

        Assert.IsAssignableFrom<IOException>(received.Failure);
        var recorded = Assert.Single(Cassette.LoadDirectory(output.FullName)).Interactions[0].Response;
        Assert.Equal(CassetteEnd.Abort, recorded.End);
        Assert.Equal("data: {\"partial\":true}\n\n", Assert.Single(recorded.Frames!).Data);
    }

    [Fact]
    public async Task XCassetteHeaderNamesTheRecordingAndRecordingsReplay()
    {
        // Arrange: record one exchange under a chosen name.
        const string Body = """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""";
        string live;
        using (var r = await client.SendAsync(Wire.Post("v1/chat/completions", Body, ("X-Cassette", "my-scenario"))))
        {
            live = await r.Content.ReadAsStringAsync();
        }

        // Act: replay the directory.
        await using var replay = await RecordedGateway.StartAsync(new RecordedGatewayOptions { CassetteDirectory = output.FullName, IncludeEmbedded = false });
        using var replayClient = Wire.Client(replay);
        using var replayed = await replayClient.SendAsync(Wire.Post("v1/chat/completions", Body));

        // Assert
        Assert.True(File.Exists(Path.Combine(output.FullName, "my-scenario.json")));
        Assert.Equal("my-scenario", Assert.Single(recorder.Cassettes).Name);
        Assert.Equal("my-scenario#0", Wire.Header(replayed, "X-Recorded-Gateway"));
        Assert.Equal(live.Replace(Key, "REDACTED", StringComparison.Ordinal), await replayed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReplaceClientCredentialsSendsTheConfiguredKeyInstead()
    {
        var elsewhere = Directory.CreateTempSubdirectory("recordings-");
        try
        {
            await using var replacing = await RecordedGateway.StartRecordingAsync(new RecordingOptions
            {
                UpstreamBaseUrl = upstream.BaseUrl,
                OutputDirectory = elsewhere.FullName,
                ApiKey = Key,
                ReplaceClientCredentials = true,
            });
            using var replacingClient = Wire.Client(replacing);

            using var response = await replacingClient.SendAsync(
                Wire.Post("anthropic/v1/messages", """{"model":"claude"}""", ("Authorization", "Bearer " + ClientKey)));
            await response.Content.ReadAsStringAsync();

            Assert.Equal("x-api-key " + Key, Assert.Single(credentialsSeen));
            Assert.DoesNotContain(ClientKey, File.ReadAllText(Assert.Single(Directory.GetFiles(elsewhere.FullName))), StringComparison.Ordinal);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    private async Task FakeGatewayAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        credentialsSeen.Enqueue(request.Headers.TryGetValue("x-api-key", out var apiKey)
            ? "x-api-key " + apiKey
            : request.Headers.Authorization.ToString());
        response.Headers["X-New-Api-Version"] = "v0.9.6";
        response.Headers["X-Ratelimit-Remaining-Tokens"] = "99000";
        response.Headers["X-Upstream-Secret"] = "hunter2";
        response.Headers.Append("Set-Cookie", "session=abc; Path=/");

        if (request.Method == "GET")
        {
            response.ContentType = "application/json";
            await response.WriteAsync("{ \"object\": \"list\", \"data\": [] }");
            return;
        }

        using var body = await JsonDocument.ParseAsync(request.Body);

        if (request.Path == "/anthropic/v1/messages")
        {
            response.ContentType = "application/json";
            await response.WriteAsync($$"""{"id":"msg_1","echo":"{{Key}}"}""");
            return;
        }

        response.ContentType = "text/event-stream";
        if (body.RootElement.GetProperty("model").GetString() == "cut")
        {
            await response.WriteAsync("data: {\"partial\":true}\n\n");
            await response.Body.FlushAsync();
            await Task.Delay(50);
            context.Abort();
            return;
        }

        await response.WriteAsync("data: {\"n\":1}\n\n");
        await response.Body.FlushAsync();
        await Task.Delay(250);
        await response.WriteAsync($$"""data: {"n":2,"echo":"{{Key}}"}""" + "\n\n");
        await response.Body.FlushAsync();

        // The Anthropic framing's extra blank line, arriving in its own write.
        await response.WriteAsync("event: x\ndata: {\"n\":3}\n\n");
        await response.Body.FlushAsync();
        await Task.Delay(20);
        await response.WriteAsync("\n");
        await response.Body.FlushAsync();
        await response.WriteAsync("data: [DONE]\n\n");
    }
}
