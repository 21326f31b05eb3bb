using Ezrouter.Tests.Chat;
using Ezrouter.Tests.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ezrouter.Streaming;

namespace Ezrouter.Tests.Streaming;

/// <summary>
/// Over a real socket (Kestrel on 127.0.0.1): the first chunk reaches the caller while the server is still
/// holding back the rest. The server waits on a signal the test gives only after it has seen the first chunk, so
/// the test cannot pass by buffering, and no test sleeps.
/// </summary>
public sealed class NoBufferingTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", async (HttpContext context) => await ServeAsync(context, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"first\"}}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" second\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));
        _app.MapPost("/anthropic/v1/messages", async (HttpContext context) => await ServeAsync(context,
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n\n"));
        await _app.StartAsync();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private async Task ServeAsync(HttpContext context, string first, string rest)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Oneapi-Request-Id"] = "20261121loopback";
        await context.Response.WriteAsync(first);
        await context.Response.Body.FlushAsync();
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await context.Response.WriteAsync(rest);
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        if (_app is not null) await _app.DisposeAsync();
    }

    private EzrouterClient Client() => new(new EzrouterClientOptions { ApiKey = "k", BaseUrl = new Uri(_baseUrl) });

    [Fact]
    public async Task FirstChatChunkArrivesWhileTheServerIsStillSending()
    {
        using var client = Client();
        var stream = client.Chat.CompleteStreamingAsync(ChatCompletionTests.Request());
        var contents = new List<string?>();

        await foreach (var chunk in stream)
        {
            contents.Add(chunk.Choices![0].Delta!.Content);
            if (contents.Count == 1)
            {
                Assert.False(_release.Task.IsCompleted, "the server had not sent the rest yet");
                Assert.Equal("20261121loopback", stream.ResponseInfo.RequestId);
                _release.SetResult();
            }
        }

        Assert.Equal(["first", " second"], contents);
        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
    }

    [Fact]
    public async Task FirstAnthropicEventArrivesWhileTheServerIsStillSending()
    {
        using var client = Client();
        var stream = client.Messages.CreateStreamingAsync(MessageStreamingTests.Request());
        var seen = 0;

        await foreach (var streamEvent in stream)
        {
            if (++seen == 1)
            {
                Assert.NotNull(streamEvent.MessageStartEvent);
                Assert.False(_release.Task.IsCompleted);
                _release.SetResult();
            }
        }

        Assert.Equal(StreamOutcome.Completed, stream.Outcome);
        Assert.Equal(4, seen);
    }
}
