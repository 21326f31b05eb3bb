using System.CommandLine;
using Ezrouter.Catalog;
using Ezrouter.Cli.Hosting;
using Ezrouter.Cli.Options;
using Ezrouter.Generated.OpenAi.Models;

namespace Ezrouter.Cli.Commands;

/// <summary><c>models [--json]</c>: the catalog with each model's endpoint types.</summary>
internal static class ModelsCommand
{
    public const string JsonDescription = "Print one JSON object (UTF-8, readable escaping): {\"response\": <RESPONSE>, \"request_id\", \"gateway_version\"}; on failure {\"error\": {\"outcome\", \"exception\", \"status\", \"type\", \"code\", \"message\", \"request_id\"}, \"partial\"}, where message is the gateway's own message or null. The one-line human summary goes to stderr.";

    public static Command Create(RootOptions root, CliConsole console)
    {
        var connection = new ConnectionOptions(root);
        var json = new Option<bool>("--json") { Description = JsonDescription.Replace("<RESPONSE>", "<models list>", StringComparison.Ordinal) };
        var command = new Command("models", "List the gateway's models and the surfaces that serve each.") { json };
        connection.AddTo(command);
        command.SetAction((result, cancellationToken) => Failures.GuardAsync(console, result.GetValue(json), cancellationToken, async () =>
        {
            var notices = new RetryNotices(console, spinner: null);
            using var client = connection.CreateClient(result, notices.OnRetryWait);
            var info = new EzrouterResponseInfo();
            var list = await client.OpenAi.V1.Models.GetAsync(c => c.Options.Add(info), cancellationToken) ?? new ModelList();
            if (result.GetValue(json))
            {
                await console.Out.WriteLineAsync(CliJson.Success(list, info));
                return 0;
            }
            await WriteTableAsync(console.Out, list.Data ?? [], info.GatewayVersion, info.RequestId);
            return 0;
        }));
        return command;
    }

    public static async Task WriteTableAsync(TextWriter output, IReadOnlyList<Model> models, string? gatewayVersion, string? requestId)
    {
        var width = Math.Max(8, models.Select(m => m.Id?.Length ?? 0).DefaultIfEmpty(0).Max());
        await output.WriteLineAsync($"{"MODEL".PadRight(width)}  {"OWNED BY",-10}  ENDPOINT TYPES");
        foreach (var model in models)
            await output.WriteLineAsync($"{(model.Id ?? "?").PadRight(width)}  {model.OwnedBy ?? "",-10}  {string.Join(", ", model.SupportedEndpointTypes ?? [])}");
        var placeholder = models.Count > 0 && models.All(m => m.HasPlaceholderCreated()) ? "; 'created' is the gateway's placeholder date" : "";
        await output.WriteLineAsync($"{models.Count} models (gateway {gatewayVersion ?? "?"}{(requestId is null ? "" : $", request id {requestId}")}{placeholder})");
    }
}
