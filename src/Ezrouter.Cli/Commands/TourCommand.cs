using System.CommandLine;
using System.Diagnostics;
using Ezrouter.Cli.Commands.Chat;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;
using Ezrouter.Extensions.AI;
using Ezrouter.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Kiota.Abstractions.Serialization;
using AnthropicModels = Ezrouter.Generated.Anthropic.Models;

namespace Ezrouter.Cli.Commands;

/// <summary>
/// <c>tour</c>: the SDK working end to end. With no key it starts the embedded recorded gateway on loopback (its
/// cassettes answer exactly these requests); with <c>EZROUTER_API_KEY</c> it runs against the live gateway.
/// </summary>
internal static class TourCommand
{
    // The recorded gateway answers an unknown model with its model_not_found cassette; live, any unknown id does.
    private const string RecordedMissingModel = "error-503-model-not-found";
    private const string LiveMissingModel = "ezrouter-tour-no-such-model";

    /// <summary>
    /// What the tour suggests next. Each works against the recorded gateway (a test runs every one against it) and
    /// against the live gateway with a key.
    /// </summary>
    internal static readonly IReadOnlyList<string> Suggestions =
    [
        "ezrouter chat \"What's the weather in Paris and in Tokyo?\" --model gpt-5.2",
        "ezrouter chat \"What's the weather in Paris?\" --model claude-sonnet-4-6 --surface anthropic",
        "ezrouter chat \"Is 9.11 greater than 9.8?\" --model deepseek-v4-pro --verbose",
        "ezrouter chat \"Hello!\" --model claude-sonnet-4-6",
        "ezrouter chat \"What's the weather in Paris?\" --model claude-sonnet-4-6 --via chat-client",
        "ezrouter models",
    ];

    public static Command Create(RootOptions root, CliConsole console)
    {
        var connection = new ConnectionOptions(root, withLimits: false);
        var command = new Command("tour", "Show the SDK working: catalog, chat decoded from SSE, a live token stream, an Anthropic tool call, usage, a typed error, the IChatClient. Needs no key.");
        connection.AddTo(command);
        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, json: false, cancellationToken, async () =>
        {
            var apiKey = connection.ResolveApiKey(result);
            var baseUrl = connection.ResolveBaseUrl(result);
            RecordedGateway? gateway = null;
            if (apiKey is null && baseUrl is null)
                gateway = await RecordedGateway.StartAsync(cancellationToken: cancellationToken);
            await using var _ = gateway;
            // A retry wait is said on stderr here as in every command: live, a 429 can hold the tour for 30 s.
            var notices = new RetryNotices(console, spinner: null);
            using var client = gateway is not null
                ? new EzrouterClient(new EzrouterClientOptions { BaseUrl = gateway.BaseUrl, Retry = { OnRetryWait = notices.OnRetryWait } })
                : connection.CreateClient(result, notices.OnRetryWait);
            var target = (gateway?.BaseUrl ?? baseUrl ?? EzrouterClientOptions.DefaultBaseUrl).ToString().TrimEnd('/');
            var output = console.Out;

            await output.WriteLineAsync(gateway is not null
                ? $"ezrouter tour against the embedded recorded gateway at {target} (no key, no network; set EZROUTER_API_KEY to use the live gateway)"
                : $"ezrouter tour against {target} ({(apiKey is null ? "no key" : "key from --api-key / EZROUTER_API_KEY")})");
            await output.WriteLineAsync();
            await CatalogAsync(client, output, cancellationToken);
            var openAiUsage = await NonStreamChatAsync(client, output, cancellationToken);
            await StreamAsync(client, output, cancellationToken);
            var anthropicUsage = await ToolCallAsync(client, output, cancellationToken);
            await UsageAsync(output, openAiUsage, anthropicUsage);
            await TypedErrorAsync(client, output, gateway is not null ? RecordedMissingModel : LiveMissingModel, cancellationToken);
            await ChatClientAsync(client, output, cancellationToken);
            await output.WriteLineAsync("Done. Next, try these: against the recordings, with `ezrouter recorded-gateway --port 8787` running in another");
            await output.WriteLineAsync("terminal and EZROUTER_BASE_URL=http://127.0.0.1:8787; or live, with EZROUTER_API_KEY set.");
            foreach (var suggestion in Suggestions) await output.WriteLineAsync($"  {suggestion}");
            await output.WriteLineAsync("From a clone, `dotnet run --project src/Ezrouter.Cli --` stands for `ezrouter`.");
            return 0;
        }));
        return command;
    }

    private static async Task CatalogAsync(EzrouterClient client, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("1. The model catalog (GET /v1/models) with ezrouter's supported_endpoint_types");
        var models = await client.Models.ListAsync(cancellationToken: cancellationToken);
        await ModelsCommand.WriteTableAsync(output, models, client.Models.CachedGatewayVersion, requestId: null);
        await output.WriteLineAsync();
    }

    private static async Task<EzrouterUsage?> NonStreamChatAsync(EzrouterClient client, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("2. A non-stream chat (POST /v1/chat/completions, stream: false)");
        var request = ChatCalls.OpenAiRequest(new ChatCalls.ChatRequest("Hello!", "claude-sonnet-4-6", "You are a helpful assistant.", 1024));
        request.Stream = false;
        var result = await client.Chat.CompleteAsync(request, cancellationToken);
        var choice = result.Value.Choices?.FirstOrDefault();
        await output.WriteLineAsync("   > Hello!");
        await output.WriteLineAsync($"   < {choice?.Message?.Content}");
        await output.WriteLineAsync($"   the gateway answered {result.Info.ContentType}; the SDK decoded it into one chat.completion " +
            $"(finish_reason {choice?.FinishReason}, request id {result.Info.RequestId}, first byte after {Ms(result.Info.TimeToFirstByte)})");
        await output.WriteLineAsync();
        return result.Value.Usage is { } usage ? EzrouterUsage.From(usage) : null;
    }

    private static async Task StreamAsync(EzrouterClient client, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("3. A live token stream (stream: true), printed as the chunks arrive");
        var request = ChatCalls.OpenAiRequest(new ChatCalls.ChatRequest("Count to five.", "claude-sonnet-4-6", null, 1024));
        var stream = client.Chat.CompleteStreamingAsync(request, cancellationToken);
        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        await output.WriteAsync("   < ");
        await foreach (var chunk in stream)
        {
            if (chunk.Choices?.FirstOrDefault()?.Delta?.Content is not { Length: > 0 } text) continue;
            first ??= clock.Elapsed;
            await output.WriteAsync(text.Replace("\n", "\n     "));
            await output.FlushAsync(cancellationToken);
        }
        await output.WriteLineAsync();
        var completion = stream.Accumulator.ToCompletion();
        await output.WriteLineAsync($"   {stream.Accumulator.ChunkCount} chunks, first token after {Ms(first)}, whole stream {Ms(clock.Elapsed)}; " +
            $"ended {stream.Outcome} with finish_reason {completion.Choices?.FirstOrDefault()?.FinishReason}; usage from the final chunk: {completion.Usage?.TotalTokens} tokens");
        await output.WriteLineAsync();
    }

    private static async Task<EzrouterUsage?> ToolCallAsync(EzrouterClient client, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("4. An Anthropic tool call (POST /anthropic/v1/messages, x-api-key)");
        var request = ChatCalls.AnthropicRequest(new ChatCalls.ChatRequest("What's the weather in Paris?", "claude-sonnet-4-6", null, 1024));
        request.Stream = false;
        request.Tools =
        [
            new AnthropicModels.Tool
            {
                Name = "get_weather",
                Description = "Current weather for a city.",
                InputSchema = new UntypedObject(new Dictionary<string, UntypedNode>
                {
                    ["type"] = new UntypedString("object"),
                    ["properties"] = new UntypedObject(new Dictionary<string, UntypedNode> { ["city"] = new UntypedObject(new Dictionary<string, UntypedNode> { ["type"] = new UntypedString("string") }) }),
                    ["required"] = new UntypedArray([new UntypedString("city")]),
                }),
            },
        ];
        var result = await client.Messages.CreateAsync(request, cancellationToken);
        await output.WriteLineAsync("   > What's the weather in Paris?");
        foreach (var block in result.Value.Content ?? [])
        {
            if (block.ThinkingBlock is { } thinking)
                await output.WriteLineAsync($"   thinking: {Shorten(thinking.Thinking)} (signature {(string.IsNullOrEmpty(thinking.Signature) ? "none" : "kept")})");
            else if (block.TextBlock is { } text)
                await output.WriteLineAsync($"   < {text.Text}");
            else if (block.ToolUseBlock is { } tool)
                await output.WriteLineAsync($"   tool_use {tool.Name}({(tool.Input is null ? "{}" : CliJson.Readable(CliJson.Wire(new ChatCalls.UntypedValue(tool.Input))))}) id {tool.Id}");
        }
        await output.WriteLineAsync($"   stop_reason {result.Value.StopReason}; request id {result.Info.RequestId}");
        await output.WriteLineAsync();
        return result.Value.Usage is { } usage ? EzrouterUsage.From(usage) : null;
    }

    private static async Task UsageAsync(TextWriter output, EzrouterUsage? openAi, EzrouterUsage? anthropic)
    {
        await output.WriteLineAsync("5. Usage, one shape for both surfaces (cached tokens included)");
        foreach (var (surface, usage) in new[] { ("OpenAI surface   ", openAi), ("Anthropic surface", anthropic) })
        {
            if (usage is null) continue;
            await output.WriteLineAsync($"   {surface}: input {usage.InputTokens} (cache read {usage.CacheReadTokens}, cache write {usage.CacheWriteTokens}: 5m {usage.CacheWrite5mTokens} / 1h {usage.CacheWrite1hTokens}), output {usage.OutputTokens}, total {usage.TotalTokens}");
        }
        await output.WriteLineAsync();
    }

    private static async Task TypedErrorAsync(EzrouterClient client, TextWriter output, string missingModel, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"6. A typed error: a model the catalog does not have ({missingModel})");
        try
        {
            await client.Chat.CompleteAsync(ChatCalls.OpenAiRequest(new ChatCalls.ChatRequest("Hi", missingModel, null, 16)), cancellationToken);
            await output.WriteLineAsync("   (no error: the gateway accepted the model)");
        }
        catch (EzrouterException e)
        {
            await output.WriteLineAsync($"   {e.GetType().Name}: HTTP {e.StatusCode}, type {e.ErrorType ?? "-"}, code {e.ErrorCode ?? "-"}, taxonomy {e.Taxonomy}");
            await output.WriteLineAsync($"   message \"{e.GatewayMessage}\", request id {e.RequestId}, retried {e.RetryCount} time(s)");
        }
        await output.WriteLineAsync();
    }

    private static async Task ChatClientAsync(EzrouterClient client, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("7. The same client as a Microsoft.Extensions.AI IChatClient (client.AsIChatClient())");
        using IChatClient chat = client.AsIChatClient("claude-sonnet-4-6");
        // A Claude model with a tool: the catalog says both surfaces serve it, and tool calls go to Anthropic messages.
        using var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""");
        var weather = AIFunctionFactory.CreateDeclaration("get_weather", "The current weather in a city.", schema.RootElement.Clone());
        const string prompt = "What's the weather in Paris?";
        var answer = await chat.GetResponseAsync(prompt, new ChatOptions { Tools = [weather] }, cancellationToken);
        var surface = answer.RawRepresentation is AnthropicModels.Message ? "Anthropic messages" : "OpenAI chat completions";
        await output.WriteLineAsync($"   > {prompt} (with a get_weather tool)");
        if (answer.Text.Length > 0) await output.WriteLineAsync($"   < {answer.Text.Replace("\n", "\n     ")}");
        foreach (var call in answer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
            await output.WriteLineAsync($"   function call {call.Name}({string.Join(", ", (call.Arguments ?? new Dictionary<string, object?>()).Select(a => $"{a.Key}: {a.Value}"))})");
        await output.WriteLineAsync($"   routed by the catalog to {surface}; usage {answer.Usage?.InputTokenCount} in, {answer.Usage?.OutputTokenCount} out; " +
            "FunctionInvokingChatClient runs the tool loop, and DI and M.E.AI middleware work on it as on any IChatClient");
        await output.WriteLineAsync();
    }

    private static string Ms(TimeSpan? time) => time is { } t ? $"{t.TotalMilliseconds:0} ms" : "-";

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..77] + "...";
}
