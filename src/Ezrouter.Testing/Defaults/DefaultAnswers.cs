using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Ezrouter.Testing.Replay;

namespace Ezrouter.Testing.Defaults;

/// <summary>
/// What the recorded gateway answers when no cassette matches and replay is not strict: what the real gateway
/// would answer any client, with a stand-in text in place of a model's reply. Each answer is a one-off cassette,
/// named in the <c>X-Cassette</c> response header.
/// </summary>
internal sealed class DefaultAnswers
{
    /// <summary>Response header naming the default answer (the same name a request's <c>X-Cassette</c> would use).</summary>
    public const string CassetteHeader = CassetteMatcher.CassetteHeader;

    /// <summary>The <c>X-Cassette</c> name of the 503 for a model outside the catalog.</summary>
    public const string ModelNotFoundName = "default-model-not-found";

    /// <summary>The <c>X-Cassette</c> name of the 404 for an unknown path under <c>/v1</c>.</summary>
    public const string InvalidUrlName = "default-invalid-url";

    /// <summary>The <c>X-Cassette</c> name of the web page for a path outside the API.</summary>
    public const string WebPageName = "default-web-page";

    /// <summary>The stand-in reply, in the pieces it is streamed in; it says what it is so nobody mistakes it for a model's words.</summary>
    public static readonly IReadOnlyList<string> TextPieces =
    [
        "This is a stand-in answer from the recorded gateway (Ezrouter.Testing): ",
        "no cassette holds this request, so no model was called. ",
        "Add a cassette, or record one, to replay a real answer.",
    ];

    /// <summary>The stand-in reply as one text.</summary>
    public static readonly string Text = string.Concat(TextPieces);

    /// <summary>Output tokens reported for the stand-in reply (about four characters a token).</summary>
    public static readonly int OutputTokens = (Text.Length + 3) / 4;

    // Routes the gateway has but the recorded gateway does not imitate: these keep the no-match diagnostic
    // rather than an "Invalid URL" the real gateway would never send (router/relay-router.go).
    private static readonly HashSet<string> OtherRoutes = new(StringComparer.Ordinal)
    {
        "/v1/completions", "/v1/embeddings", "/v1/moderations", "/v1/rerank", "/v1/images/generations",
        "/v1/images/edits", "/v1/audio/speech", "/v1/audio/transcriptions", "/v1/audio/translations",
    };

    private enum Route { Chat, Messages, Responses }

    private readonly CassetteSelector selector;
    private readonly ModelCatalog catalog;

    public DefaultAnswers(CassetteSelector selector)
    {
        this.selector = selector;
        catalog = ModelCatalog.From(selector.Cassettes);
    }

    /// <summary>Whether the gateway treats the model as Claude (converted chunks, Claude event framing).</summary>
    public static bool IsClaude(string model) => model.StartsWith("claude", StringComparison.OrdinalIgnoreCase);

    /// <summary>A rough input-token count (about four characters a token over the messages), as the gateway estimates when an upstream reports none (§13).</summary>
    public static int EstimateInputTokens(JsonElement request) =>
        request.TryGetProperty("messages", out var messages) ? Math.Max(1, (messages.GetRawText().Length + 3) / 4) : 1;

    /// <summary>The answer for a request no cassette matched, or null when the recorded gateway cannot tell what the gateway would say.</summary>
    public Selection? Answer(RequestSnapshot request, DateTimeOffset now)
    {
        var path = request.Path;
        var requestId = GatewayIds.RequestId(now);
        if (!path.StartsWith("/v1/", StringComparison.Ordinal) && !path.StartsWith("/anthropic/v1/", StringComparison.Ordinal))
        {
            // Gateway (docs/gateway-behavior.md §4): paths outside the API belong to the web UI; /api is its own
            // management API, which the recorded gateway does not imitate.
            return path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api"
                ? null
                : One(WebPageName, GatewayPages.WebPage(WebPageName, requestId));
        }

        var anthropic = path.StartsWith("/anthropic/", StringComparison.Ordinal);
        var gatewayPath = anthropic ? path["/anthropic".Length..] : path;
        var method = request.Method.ToUpperInvariant();
        return (method, gatewayPath, anthropic) switch
        {
            ("POST", "/v1/chat/completions", false) => Generate(request, requestId, now, Route.Chat),
            // The Messages API is served at the root too (new-api's /v1/messages; EzAI's only one).
            ("POST", "/v1/messages", _) => Generate(request, requestId, now, Route.Messages),
            ("POST", "/v1/responses", false) => Generate(request, requestId, now, Route.Responses),
            ("GET", "/v1/models", true) => ModelListFor(request),
            ("GET", "/v1/models", false) or ("POST", "/v1/chat/completions", true) or ("POST", "/v1/responses", true) => null,
            ("GET", _, _) when gatewayPath.StartsWith("/v1/models/", StringComparison.Ordinal) => null,
            ("POST", _, _) when OtherRoutes.Contains(gatewayPath) => null,
            _ => One(InvalidUrlName, GatewayPages.InvalidUrl(InvalidUrlName, method, gatewayPath, requestId)),
        };
    }

    private Selection? Generate(RequestSnapshot request, string requestId, DateTimeOffset now, Route route)
    {
        // Only a request a client could mean gets a made-up answer; anything odder keeps the diagnostic.
        if (request.Json is not { ValueKind: JsonValueKind.Object } json
            || !json.TryGetProperty("model", out var modelElement)
            || modelElement.ValueKind != JsonValueKind.String
            || modelElement.GetString() is not { Length: > 0 } model)
        {
            return null;
        }

        // Gateway (§3): the distributor picks a channel before the body is read further, so an unknown model is a 503 first.
        if (!catalog.Serves(model))
        {
            return One(ModelNotFoundName, GatewayPages.ModelNotFound(ModelNotFoundName, model, requestId));
        }

        if (route == Route.Responses)
        {
            return !DefaultResponseAnswer.HasInput(json) ? null
                : One(DefaultResponseAnswer.Streams(json) ? DefaultResponseAnswer.StreamName : DefaultResponseAnswer.Name, DefaultResponseAnswer.Build(model, json, requestId, now));
        }

        if (!json.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return null;
        }

        return route == Route.Chat
            ? One(DefaultChatAnswer.Name, DefaultChatAnswer.Build(model, json, requestId, now))
            : (json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
                ? One(DefaultMessageAnswer.StreamName, DefaultMessageAnswer.Build(model, json, requestId))
                : One(DefaultMessageAnswer.Name, DefaultMessageAnswer.Build(model, json, requestId));
    }

    // Gateway (docs/gateway-behavior.md §19): without both x-api-key and anthropic-version, /anthropic/v1/models is
    // the gateway's /v1/models and answers the OpenAI-shape list.
    private Selection? ModelListFor(RequestSnapshot request)
    {
        var asGateway = new RequestSnapshot(request.Method, "/v1/models", request.Query, request.Headers, request.Body);
        var selection = selector.Select(asGateway);
        return selection.Cassette is null ? null : selection;
    }

    private static Selection One(string name, CassetteResponse response) => Selection.Match(
        new Cassette
        {
            Name = name,
            Description = "The recorded gateway's default answer: no cassette matched.",
            Interactions = [new CassetteInteraction { Request = new CassetteRequest { Method = "*", Path = "*" }, Response = response }],
        },
        0);
}
