using System.Diagnostics;
using Ezrouter;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAi = Ezrouter.Generated.OpenAi.Models;
using Anthropic = Ezrouter.Generated.Anthropic.Models;

// ezrouter-aot-smoke <base-url>: the calls that must work under Native AOT, against the recorded gateway. Prints one
// line per check (the SDK's calls, then IChatClient through DI) and the time from process start to the first streamed chunk; exits 1 on the first failure.
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var baseUrl))
{
    Console.Error.WriteLine("usage: Ezrouter.AotSmoke <recorded-gateway base URL>");
    return 2;
}

var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
// EndUserId rewrites every body as a JsonObject: the path that used reflection-based serialization before.
using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-aot-smoke-00000000000000000000", BaseUrl = baseUrl, EndUserId = "aot-user" });

try
{
    var firstChunk = TimeSpan.Zero;
    var streamed = new System.Text.StringBuilder();
    // A stream whose request says stream=false: the SDK turns it into a stream request itself.
    var stream = client.Chat.CompleteStreamingAsync(Chat("claude-sonnet-4-6", "Say hello from AOT.", stream: false));
    await foreach (var chunk in stream)
    {
        if (firstChunk == TimeSpan.Zero) firstChunk = DateTime.UtcNow - started;
        streamed.Append(chunk.Choices?.FirstOrDefault()?.Delta?.Content);
    }
    Check("chat stream", streamed.Length > 0, $"{streamed.Length} chars");

    var completion = await client.Chat.CompleteAsync(Chat("gpt-5.2", "Hello!", stream: null));
    Check("chat non-stream", completion.Value.Choices is { Count: > 0 }, completion.Value.Id);

    var message = await client.Messages.CreateStreamingAsync(new Anthropic.CreateMessageRequest
    {
        Model = "claude-sonnet-4-6",
        MaxTokens = 64,
        Messages = [new() { Role = "user", Content = new() { String = "Hello!" } }],
    }).GetFinalMessageAsync();
    Check("messages stream", message.Content is { Count: > 0 }, message.Id);

    var models = await client.Models.ListAsync();
    Check("models list", models.Count > 0, $"{models.Count} models");

    try
    {
        await client.Chat.CompleteAsync(Chat("error-402-insufficient-balance", "Hello!", stream: null));
        Check("typed error", false, "no exception");
    }
    catch (EzrouterInsufficientQuotaException e)
    {
        Check("typed error", e.Details.StatusCode == 402, e.GetType().Name);
    }

    // IChatClient through DI, as an app host wires it: the configuration reader and M.E.AI without reflection.
    var services = new ServiceCollection();
    services.AddEzrouter(o => { o.ApiKey = "sk-aot-smoke-di-000000000000000000"; o.BaseUrl = baseUrl; });
    services.AddEzrouterChatClient("claude-sonnet-4-6");
    await using (var provider = services.BuildServiceProvider())
    {
        var chat = provider.GetRequiredService<IChatClient>();
        var answer = await chat.GetResponseAsync("Hello from an AOT app!");
        Check("IChatClient", answer.Text.Length > 0 && answer.Usage?.OutputTokenCount > 0, $"{answer.Text.Length} chars");
        var updates = 0;
        await foreach (var update in chat.GetStreamingResponseAsync("Stream to an AOT app.")) updates++;
        Check("IChatClient stream", updates > 0, $"{updates} updates");
    }

    Console.WriteLine($"time to first chunk: {firstChunk.TotalMilliseconds:0} ms from process start");
    Console.WriteLine($"total: {(DateTime.UtcNow - started).TotalMilliseconds:0} ms from process start");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"FAILED: {e.GetType().Name}: {e.Message}");
    return 1;
}

static OpenAi.CreateChatCompletionRequest Chat(string model, string prompt, bool? stream) => new()
{
    Model = model,
    Stream = stream,
    Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = prompt } } }],
};

static void Check(string what, bool ok, string? detail)
{
    Console.WriteLine($"{(ok ? "ok" : "FAILED")}: {what} ({detail})");
    if (!ok) throw new InvalidOperationException($"{what} failed");
}
