using System.CommandLine;
using System.Diagnostics;
using Ezrouter.Testing;
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

    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var command = new Command("tour", "Show the SDK working: catalog, chat decoded from SSE, a live token stream, an Anthropic tool call, usage, a typed error. Needs no key.");
        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, json: false, async () =>
        {
            var apiKey = globals.ResolveApiKey(result);
            var baseUrl = globals.ResolveBaseUrl(result);
            RecordedGateway? gateway = null;
            if (apiKey is null && baseUrl is null)
                gateway = await RecordedGateway.StartAsync(cancellationToken: cancellationToken);
            await using var _ = gateway;
            var target = gateway?.BaseUrl.ToString().TrimEnd('/') ?? baseUrl ?? EzrouterClientOptions.DefaultBaseUrl.ToString().TrimEnd('/');
            using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = apiKey, BaseUrl = new Uri(target) });
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
            await output.WriteLineAsync($"Done. Next: `dotnet run --project src/Ezrouter.Cli -- chat \"Hello!\" --model claude-sonnet-4-6`, or `-- recorded-gateway` to point any client at these recordings.");
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
        var request = ChatCommand.OpenAiRequest(new ChatCommand.ChatRequest("Hello!", "claude-sonnet-4-6", "You are a helpful assistant.", 1024));
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
        var request = ChatCommand.OpenAiRequest(new ChatCommand.ChatRequest("Count to five.", "claude-sonnet-4-6", null, 1024));
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
        var request = ChatCommand.AnthropicRequest(new ChatCommand.ChatRequest("What's the weather in Paris?", "claude-sonnet-4-6", null, 1024));
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
                await output.WriteLineAsync($"   tool_use {tool.Name}({(tool.Input is null ? "{}" : CliJson.Wire(new ToolInput(tool.Input)))}) id {tool.Id}");
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
            await client.Chat.CompleteAsync(ChatCommand.OpenAiRequest(new ChatCommand.ChatRequest("Hi", missingModel, null, 16)), cancellationToken);
            await output.WriteLineAsync("   (no error: the gateway accepted the model)");
        }
        catch (EzrouterException e)
        {
            await output.WriteLineAsync($"   {e.GetType().Name}: HTTP {e.StatusCode}, type {e.ErrorType ?? "-"}, code {e.ErrorCode ?? "-"}, taxonomy {e.Taxonomy}");
            await output.WriteLineAsync($"   message \"{e.GatewayMessage}\", request id {e.RequestId}, retried {e.RetryCount} time(s)");
        }
        await output.WriteLineAsync();
    }

    private static string Ms(TimeSpan? time) => time is { } t ? $"{t.TotalMilliseconds:0} ms" : "-";

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>Wraps a tool's free-form input so it serializes as the JSON object it is.</summary>
    private sealed class ToolInput(UntypedNode input) : IParsable
    {
        public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>();

        public void Serialize(ISerializationWriter writer)
        {
            if (input is UntypedObject obj)
                foreach (var (key, value) in obj.GetValue()) writer.WriteObjectValue(key, value);
        }
    }
}
