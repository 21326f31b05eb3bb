using System.CommandLine;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;

namespace Ezrouter.Cli.Commands.Chat;

/// <summary><c>chat "prompt" --model M [--surface openai|anthropic|responses] [--system S] [--no-stream] [--json] [--verbose] [--hide-thinking] [--via sdk|chat-client]</c>.</summary>
internal static class ChatCommand
{
    // Bounded memory for a prompt read from stdin.
    private const int MaxStdinChars = 16 * 1024 * 1024;

    public static Command Create(RootOptions root, CliConsole console)
    {
        var connection = new ConnectionOptions(root);
        var prompt = new Argument<string>("prompt") { Description = "What to ask; - reads it from stdin." };
        prompt.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && string.IsNullOrWhiteSpace(ParseErrors.Value<string>(r))) r.AddError("<prompt> is empty: say what to ask, or pass - to read it from stdin.");
        });
        var model = new Option<string>("--model", "-m") { Description = "Model id (see `models`).", Required = true };
        model.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && string.IsNullOrWhiteSpace(ParseErrors.Value<string>(r))) r.AddError("--model is empty: name a model (`ezrouter models` lists them).");
        });
        var surface = new Option<string>("--surface") { Description = "openai (/v1/chat/completions), anthropic (/anthropic/v1/messages) or responses (/v1/responses).", DefaultValueFactory = _ => "openai" };
        surface.AcceptOnlyFromAmong("openai", "anthropic", "responses");
        var system = new Option<string?>("--system") { Description = "A system prompt." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Output token limit (Anthropic surface requires one).", DefaultValueFactory = _ => 1024 };
        maxTokens.Validators.Add(r =>
        {
            if (ParseErrors.Value<int?>(r) is int n and <= 0) r.AddError($"--max-tokens must be more than 0; it was {n}.");
        });
        var noStream = new Option<bool>("--no-stream") { Description = "Use the non-stream call instead of streaming tokens." };
        var json = new Option<bool>("--json") { Description = ModelsCommand.JsonDescription.Replace("<RESPONSE>", "<final completion, message or response>", StringComparison.Ordinal) };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print the finish reason, usage and request id on stderr." };
        var via = new Option<string>("--via") { Description = "sdk (the SDK's chat and messages calls) or chat-client (its Microsoft.Extensions.AI IChatClient, which picks the surface from the catalog unless --surface is given).", DefaultValueFactory = _ => "sdk" };
        via.AcceptOnlyFromAmong("sdk", "chat-client");
        var hideThinking = new Option<bool>("--hide-thinking") { Description = "Do not print the model's thinking (it prints dimmed under a `thinking` heading)." };
        var command = new Command("chat", "Chat with a model; streams tokens to the terminal by default, with its thinking and tool calls.")
        {
            prompt, model, surface, system, maxTokens, noStream, json, verbose, hideThinking, via,
        };
        connection.AddTo(command);

        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, result.GetValue(json), cancellationToken, async () =>
        {
            var asJson = result.GetValue(json);
            var text = result.GetValue(prompt)!;
            if (text == "-") text = await ReadStdinAsync(cancellationToken);
            var request = new ChatCalls.ChatRequest(text, result.GetValue(model)!, result.GetValue(system), result.GetValue(maxTokens));
            var chatClient = result.GetValue(via) == "chat-client";
            if (chatClient && result.GetValue(surface) == "responses")
                throw new CliUsageException("--via chat-client goes through chat completions or messages, not the Responses API", "drop --via chat-client, or pick --surface openai or anthropic.");
            await using var spinner = asJson ? null : Spinner.StartIfTerminal(console);
            var notices = new RetryNotices(console, spinner);
            using var client = connection.CreateClient(result, notices.OnRetryWait);
            var printer = asJson ? null : new AnswerPrinter(console, !result.GetValue(hideThinking), spinner);
            var stream = !result.GetValue(noStream);
            var (response, info, ending) = chatClient
                // --json prints the whole generated answer, which only the non-stream call returns.
                ? await ChatClientCall.RunAsync(client, request, RouteOf(result, surface), stream && !asJson, printer, cancellationToken)
                : result.GetValue(surface) switch
                {
                    "anthropic" => await ChatCalls.AnthropicAsync(client, request, stream, printer, cancellationToken),
                    "responses" => await ResponsesCall.RunAsync(client, request, stream, printer, cancellationToken),
                    _ => await ChatCalls.OpenAiAsync(client, request, stream, printer, cancellationToken),
                };
            if (asJson) await console.Out.WriteLineAsync(CliJson.Success(response, info));
            if (result.GetValue(verbose))
            {
                var usage = ending.Usage is { } u ? $"input {u.InputTokens}, output {u.OutputTokens}, total {u.TotalTokens} tokens" : "none reported";
                await console.Error.WriteLineAsync($"finish reason {ending.Reason ?? "none"}; usage {usage}; request id {info.RequestId ?? "-"}; gateway {info.GatewayVersion ?? "-"}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    // --surface given: that surface; not given: the chat client asks the catalog.
    private static Ezrouter.Extensions.AI.EzrouterChatRoute RouteOf(ParseResult result, Option<string> surface) =>
        result.GetResult(surface) is not { Implicit: false } ? Ezrouter.Extensions.AI.EzrouterChatRoute.Auto
        : result.GetValue(surface) == "anthropic" ? Ezrouter.Extensions.AI.EzrouterChatRoute.AnthropicMessages
        : Ezrouter.Extensions.AI.EzrouterChatRoute.OpenAiChat;

    private static async Task<string> ReadStdinAsync(CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected)
            throw new CliUsageException("<prompt> is -, but stdin is a terminal", "pipe the prompt in (echo \"Hello\" | ezrouter chat - --model M), or pass it as an argument.");
        using var reader = new StreamReader(Console.OpenStandardInput(), System.Text.Encoding.UTF8);
        var builder = new System.Text.StringBuilder();
        var chunk = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(chunk, cancellationToken)) > 0)
        {
            builder.Append(chunk, 0, read);
            if (builder.Length > MaxStdinChars)
                throw new CliUsageException($"the prompt on stdin is longer than {MaxStdinChars / (1024 * 1024)} M characters", "shorten it; no model takes that much.");
        }
        var text = builder.ToString();
        return string.IsNullOrWhiteSpace(text)
            ? throw new CliUsageException("the prompt on stdin is empty", "pipe some text in, or pass the prompt as an argument.")
            : text;
    }
}
