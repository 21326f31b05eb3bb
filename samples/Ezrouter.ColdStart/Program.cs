using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ezrouter;
using OpenAI;
using OpenAI.Chat;
using OpenAi = Ezrouter.Generated.OpenAi.Models;

// Ezrouter.ColdStart <ezrouter|openai> <stream|call> <base-url>: one first call in a fresh process. Prints
// "cold <ms> chars <n> cpu <ms>": from the parent's launch (EZROUTER_COLD_T0, UTC ticks taken just before it started this
// process) to the first streamed chunk (stream) or to the completed non-stream answer (call), and the process's CPU
// time by then (runtime start-up included; unlike the wall time, it does not grow while the machine is busy with
// other work). The stream is then read to its end.
// Each SDK's code sits in its own method, so a JIT run never loads the other SDK's assemblies.
if (args.Length != 3 || !Uri.TryCreate(args[2], UriKind.Absolute, out var baseUrl) || args[1] is not ("stream" or "call"))
{
    Console.Error.WriteLine("usage: Ezrouter.ColdStart <ezrouter|openai> <stream|call> <recorded-gateway base URL>");
    return 2;
}

var origin = long.TryParse(Environment.GetEnvironmentVariable("EZROUTER_COLD_T0"), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
    ? new DateTime(ticks, DateTimeKind.Utc)
    : Process.GetCurrentProcess().StartTime.ToUniversalTime();
var stream = args[1] == "stream";
try
{
    var (at, cpu, chars) = args[0] switch
    {
        "ezrouter" => await Probes.EzrouterAsync(baseUrl, stream),
        "openai" => await Probes.OpenAiAsync(baseUrl, stream),
        _ => throw new ArgumentException("unknown SDK " + args[0]),
    };
    if (chars <= 0) throw new InvalidOperationException("no text read");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold {(at - origin).TotalMilliseconds:F1} chars {chars} cpu {cpu.TotalMilliseconds:F1}"));
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"FAILED: {e.GetType().Name}: {e.Message}");
    return 1;
}

internal static class Probes
{
    /// <summary>The wall clock and this process's CPU time, now.</summary>
    private static (DateTime At, TimeSpan Cpu) Now() => (DateTime.UtcNow, Process.GetCurrentProcess().TotalProcessorTime);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<(DateTime At, TimeSpan Cpu, long Chars)> EzrouterAsync(Uri baseUrl, bool stream)
    {
        using var client = new EzrouterClient(new EzrouterClientOptions { ApiKey = "sk-cold-start", BaseUrl = baseUrl });
        var request = new OpenAi.CreateChatCompletionRequest
        {
            Model = "claude-sonnet-4-6",
            Messages = [new() { ChatCompletionRequestUserMessage = new() { Role = "user", Content = new() { String = "Hello!" } } }],
        };
        if (!stream)
        {
            var completion = (await client.Chat.CompleteAsync(request)).Value;
            var (doneAt, doneCpu) = Now();
            return (doneAt, doneCpu, completion.Choices?.Sum(c => c.Message?.Content?.Length ?? 0) ?? 0);
        }
        (DateTime At, TimeSpan Cpu)? first = null;
        long chars = 0;
        await foreach (var chunk in client.Chat.CompleteStreamingAsync(request))
        {
            first ??= Now();
            foreach (var choice in chunk.Choices ?? [])
            {
                chars += choice.Delta?.Content?.Length ?? 0;
                foreach (var call in choice.Delta?.ToolCalls ?? []) chars += call.Function?.Arguments?.Length ?? 0;
            }
        }
        var (at, cpu) = first ?? throw new InvalidOperationException("empty stream");
        return (at, cpu, chars);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<(DateTime At, TimeSpan Cpu, long Chars)> OpenAiAsync(Uri baseUrl, bool stream)
    {
        var chat = new ChatClient("claude-sonnet-4-6", new ApiKeyCredential("sk-cold-start"), new OpenAIClientOptions { Endpoint = new Uri(baseUrl, "v1") });
        List<ChatMessage> messages = [new UserChatMessage("Hello!")];
        if (!stream)
        {
            ChatCompletion completion = await chat.CompleteChatAsync(messages);
            var (doneAt, doneCpu) = Now();
            return (doneAt, doneCpu, completion.Content.Sum(p => p.Text?.Length ?? 0));
        }
        (DateTime At, TimeSpan Cpu)? first = null;
        long chars = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages))
        {
            first ??= Now();
            foreach (var part in update.ContentUpdate) chars += part.Text?.Length ?? 0;
            foreach (var call in update.ToolCallUpdates)
                if (call.FunctionArgumentsUpdate is { } arguments) chars += arguments.ToMemory().Length;
        }
        var (at, cpu) = first ?? throw new InvalidOperationException("empty stream");
        return (at, cpu, chars);
    }
}
