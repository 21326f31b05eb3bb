using System.CommandLine;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;
using Ezrouter.Generated.Anthropic.Models;

namespace Ezrouter.Cli.Commands;

/// <summary>
/// <c>count-tokens "prompt" --model M [--system S] [--json]</c>: the input tokens a Messages request would use
/// (<c>POST /v1/messages/count_tokens</c>), on a gateway whose profile serves it (<c>--profile ezai</c>).
/// </summary>
internal static class CountTokensCommand
{
    public const string JsonDescription = "Print one JSON object (UTF-8): {\"input_tokens\": N}, plus \"rate_limit\" when the gateway sent its headers; on failure {\"error\": {\"outcome\", \"exception\", \"status\", \"type\", \"code\", \"message\", \"request_id\"}, \"partial\"}, where message is the gateway's own message or null. The one-line human summary goes to stderr.";

    public static Command Create(RootOptions root, CliConsole console)
    {
        var connection = new ConnectionOptions(root);
        var prompt = new Argument<string>("prompt") { Description = "The user message to count." };
        prompt.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && string.IsNullOrWhiteSpace(ParseErrors.Value<string>(r))) r.AddError("<prompt> is empty: say what to count.");
        });
        var model = new Option<string>("--model", "-m") { Description = "Model id whose tokenizer counts (see `models`).", Required = true };
        model.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && string.IsNullOrWhiteSpace(ParseErrors.Value<string>(r))) r.AddError("--model is empty: name a model (`ezrouter models` lists them).");
        });
        var system = new Option<string?>("--system") { Description = "A system prompt, counted too." };
        var json = new Option<bool>("--json") { Description = JsonDescription };
        var command = new Command("count-tokens", "Count the input tokens of a prompt without sending it to a model (Anthropic surface; free on EzAI, not served by ezrouter).")
        {
            prompt, model, system, json,
        };
        connection.AddTo(command);
        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, result.GetValue(json), cancellationToken, async () =>
        {
            var notices = new RetryNotices(console, spinner: null);
            using var client = connection.CreateClient(result, notices.OnRetryWait);
            var request = new CountTokensRequest
            {
                Model = result.GetValue(model)!.Trim(),
                Messages = [new() { Role = "user", Content = new() { String = result.GetValue(prompt)! } }],
            };
            if (result.GetValue(system) is { Length: > 0 } text) request.System = new() { String = text };
            var counted = await client.Messages.CountTokensAsync(request, cancellationToken);
            var tokens = counted.Value.InputTokens!.Value;
            if (result.GetValue(json)) await console.Out.WriteLineAsync(CliJson.TokenCount(tokens, counted.Info));
            else await console.Out.WriteLineAsync($"{tokens} input tokens ({request.Model}{(counted.Info.RequestId is { } id ? $", request id {id}" : "")})");
            return 0;
        }));
        return command;
    }
}
